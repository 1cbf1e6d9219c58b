import Foundation
import Synchronization

/// Messages a handler received, shared with the test's task.
final class Inbox: Sendable {
    let messages = Mutex<[String]>([])

    func add(_ payload: UnsafeRawBufferPointer) {
        let text = String(decoding: payload, as: UTF8.self)
        messages.withLock { $0.append(text) }
    }

    var count: Int { messages.withLock { $0.count } }
    var all: [String] { messages.withLock { $0 } }

    /// Polls until `condition` holds or `seconds` pass (generous: a loaded CI machine is slow).
    func wait(seconds: Double = 60, until condition: ([String]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if messages.withLock({ condition($0) }) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return messages.withLock { condition($0) }
    }
}
