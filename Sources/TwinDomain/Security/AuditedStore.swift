/// A store whose changes run in transactions that can also append audit rows.
///
/// This is the seam that makes "the change and its audit row commit together"
/// true by construction: ``AuditedStore/appendAudit(_:in:)`` only accepts the
/// transaction the change itself runs in.
public protocol AuditedStore<Transaction>: Sendable {
    associatedtype Transaction

    /// Runs `body` in one database transaction; rolls back if it throws and
    /// rethrows the body's own error unchanged.
    func withTransaction<T: Sendable>(_ body: (Transaction) async throws -> T) async throws -> T

    /// Appends a chained audit row inside `transaction` (serialized by a lock
    /// so the chain stays linear).
    @discardableResult
    func appendAudit(_ entry: AuditEntry, in transaction: Transaction) async throws -> AuditRecord
}

extension AuditedStore {
    /// Records a fact that has no change attached (denials, failed logins) in
    /// its own short transaction.
    @discardableResult
    public func appendAuditAlone(_ entry: AuditEntry) async throws -> AuditRecord {
        try await withTransaction { tx in try await self.appendAudit(entry, in: tx) }
    }
}
