import Logging
import TwinDomain

/// Lets the generic ``ChangeGateway`` run over an existential security store.
///
/// Needed because Swift cannot upcast `any SecurityStore` to
/// `any AuditedStore<any SecurityTransaction>` even though the constraint holds.
struct SecurityAuditedStore: AuditedStore {
    let base: any SecurityStore

    func withTransaction<T: Sendable>(_ body: (any SecurityTransaction) async throws -> T) async throws -> T {
        try await base.withTransaction(body)
    }

    func appendAudit(_ entry: AuditEntry, in transaction: any SecurityTransaction) async throws -> AuditRecord {
        try await base.appendAudit(entry, in: transaction)
    }
}

extension ChangeGateway where Transaction == any SecurityTransaction {
    public init(securityStore: any SecurityStore, logger: Logger) {
        self.init(store: SecurityAuditedStore(base: securityStore), logger: logger)
    }
}
