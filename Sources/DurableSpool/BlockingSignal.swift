import Dispatch
import Synchronization

/// Parks a thread that is not part of Swift concurrency (a C callback thread) until its records
/// are durable or the wait fails.
final class BlockingSignal: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let outcome = Mutex<SpoolError?>(nil)

    func fire(_ error: SpoolError?) {
        outcome.withLock { $0 = error }
        semaphore.signal()
    }

    func wait() throws(SpoolError) {
        semaphore.wait()
        if let error = outcome.withLock({ $0 }) { throw error }
    }
}
