import Foundation
import Testing
@testable import BIMDocuments

/// The executor must not keep a finished job (and what it captured) alive: imports queue thousands
/// of bulk writes, each holding a chunk of documents.
@Suite struct BlockingExecutorTests {
    final class Payload: Sendable {}

    final class WeakBox: Sendable {
        private let lock = NSLock()
        nonisolated(unsafe) private weak var value: Payload?  // read and written only under `lock`
        func set(_ p: Payload) { lock.withLock { value = p } }
        var isAlive: Bool { lock.withLock { value != nil } }
    }

    @Test func finishedJobsReleaseWhatTheyCaptured() async throws {
        let executor = BlockingExecutor(threadCount: 1, name: "test-executor")
        let box = WeakBox()
        do {
            let payload = Payload()
            box.set(payload)
            _ = try await executor.run { _ = payload; return 1 }
        }
        // A few more jobs, fewer than the queue's compaction threshold.
        for _ in 0..<3 { _ = try await executor.run { 0 } }
        #expect(!box.isAlive)
        await executor.shutdownGracefully()
    }
}
