import Foundation

/// A small fixed set of threads for libmongoc's blocking calls.
///
/// libmongoc blocks its calling thread on network I/O. Running those calls on Swift's
/// cooperative pool (two threads on a two-core box) or on NIO event loops would stall
/// unrelated work, so every call is queued here and the caller awaits a continuation.
/// Threads are started lazily on the first job, never in `init`.
final class BlockingExecutor: Sendable {
    private let state: BlockingExecutorState

    init(threadCount: Int, name: String) {
        state = BlockingExecutorState(threadCount: max(1, threadCount), name: name)
    }

    deinit {
        // Threads hold only `state`; telling them to stop lets them exit after the queue drains.
        state.shutdown()
    }

    /// Runs `body` on one of the executor's threads and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let accepted = state.enqueue {
                continuation.resume(with: Result { try body() })
            }
            if !accepted {
                continuation.resume(throwing: BIMDocumentError.shutdown)
            }
        }
    }

    /// Refuses new work, lets queued work finish, and returns once every thread has exited.
    func shutdownGracefully() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            state.shutdown { continuation.resume() }
        }
    }
}
