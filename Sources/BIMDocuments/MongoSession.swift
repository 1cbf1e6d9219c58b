import CMongoc
import Foundation
import Synchronization

/// A client session bound to one pooled client, used for transactions.
///
/// Pass it to collection operations (`session:`) to run them inside the transaction.
/// `@unchecked Sendable`: the session and client pointers are used only inside
/// `perform`, which holds `lock` for the whole blocking call, so libmongoc never sees two
/// threads on the same client; `labels` is a `Mutex`.
public final class MongoSession: @unchecked Sendable {
    let pool: MongoClientPool
    let client: MongoPooledClient
    let pointer: OpaquePointer
    private let lock = NSLock()
    private let labels = Mutex<Set<String>>([])

    init(pool: MongoClientPool, client: MongoPooledClient, pointer: OpaquePointer) {
        self.pool = pool
        self.client = client
        self.pointer = pointer
    }

    func perform<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer, OpaquePointer?) throws -> T) async throws -> T {
        try await pool.withHeldClient(client) { [self] clientPointer in
            self.lock.lock()
            defer { self.lock.unlock() }
            do {
                return try body(clientPointer, self.pointer)
            } catch let labeled as MongoLabeledError {
                self.labels.withLock { $0.formUnion(labeled.labels) }
                throw labeled.error
            }
        }
    }

    /// Error labels seen since the last reset (e.g. `TransientTransactionError`).
    func takeLabels() -> Set<String> {
        labels.withLock { seen in
            defer { seen.removeAll() }
            return seen
        }
    }

    /// Runs a session-level call (start/commit/abort) under the same lock.
    func control<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws -> T) async throws -> T {
        try await pool.withHeldClient(client) { [self] _ in
            self.lock.lock()
            defer { self.lock.unlock() }
            return try body(self.pointer)
        }
    }
}
