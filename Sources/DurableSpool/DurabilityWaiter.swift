/// Someone waiting for a sequence number to be synced.
struct DurabilityWaiter: Sendable {
    enum Resumption: Sendable {
        case task(CheckedContinuation<Void, any Error>)
        case thread(BlockingSignal)
    }

    let id: UInt64
    let sequence: UInt64
    let resumption: Resumption

    /// Wakes the waiter, successfully when `error` is nil; call outside the state lock.
    func resume(throwing error: SpoolError?) {
        switch resumption {
        case .task(let continuation):
            if let error { continuation.resume(throwing: error) } else { continuation.resume() }
        case .thread(let signal):
            signal.fire(error)
        }
    }

    /// Ends a task's wait because the task was cancelled (threads cannot be).
    func cancel() {
        switch resumption {
        case .task(let continuation):
            continuation.resume(throwing: CancellationError())
        case .thread(let signal):
            signal.fire(.closed)
        }
    }
}
