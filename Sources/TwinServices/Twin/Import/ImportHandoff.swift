import Synchronization

/// A value handed once from one concurrent part of an import to another (the batch to the
/// transaction, the fingerprints to its last step).
///
/// Every path of the producer either fulfils or fails it, so a waiter is always resumed; later
/// calls are ignored, which lets a failure path fail it without knowing whether it was fulfilled.
final class ImportHandoff<Value: Sendable>: Sendable {
    private enum State {
        case waiting([CheckedContinuation<Value, any Error>])
        case done(Result<Value, any Error>)
    }

    private let state = Mutex<State>(.waiting([]))

    func fulfill(_ value: Value) { finish(.success(value)) }

    func fail(_ error: any Error) { finish(.failure(error)) }

    var isSettled: Bool {
        state.withLock { if case .done = $0 { true } else { false } }
    }

    var value: Value {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let settled: Result<Value, any Error>? = state.withLock { state in
                    switch state {
                    case .waiting(let waiters):
                        state = .waiting(waiters + [continuation])
                        return nil
                    case .done(let result):
                        return result
                    }
                }
                if let settled { continuation.resume(with: settled) }
            }
        }
    }

    private func finish(_ result: Result<Value, any Error>) {
        let waiters: [CheckedContinuation<Value, any Error>] = state.withLock { state in
            guard case .waiting(let waiters) = state else { return [] }
            state = .done(result)
            return waiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }
}
