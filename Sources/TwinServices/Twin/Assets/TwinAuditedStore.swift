import TwinDomain

/// Presents an `any TwinRepository` as the `AuditedStore` that ``ChangeGateway`` takes; the
/// compiler cannot upcast an existential whose associated type is fixed by a where clause.
struct TwinAuditedStore: AuditedStore {
    typealias Transaction = any TwinTransaction
    let base: any TwinRepository

    func withTransaction<T: Sendable>(_ body: (any TwinTransaction) async throws -> T) async throws -> T {
        try await base.withTransaction(body)
    }

    @discardableResult
    func appendAudit(_ entry: AuditEntry, in transaction: any TwinTransaction) async throws -> AuditRecord {
        try await base.appendAudit(entry, in: transaction)
    }
}
