import Foundation

/// Persistence for accounts, tokens, keys and the audit log.
///
/// Reads that list things take an ``AccessScope`` and filter in the query, so
/// out-of-scope rows are never materialized.
public protocol SecurityStore: AuditedStore where Transaction == any SecurityTransaction {
    func userForLogin(name: String) async throws -> UserRecord?
    func userForRequest(id: UUID) async throws -> UserRecord?
    func users(visibleIn scope: AccessScope, limit: Int) async throws -> [UserRecord]
    func apiKey(prefix: String) async throws -> APIKeyRecord?
    func apiKeys(visibleIn scope: AccessScope) async throws -> [APIKeyRecord]
    func auditRecords(_ query: AuditQuery, visibleIn scope: AccessScope) async throws -> [AuditRecord]
    /// The site a building belongs to (nil if unknown), so a site grant can be
    /// checked against a building id a client names.
    func siteID(ofBuilding building: UUID) async throws -> UUID?
    /// Rows in chain order (ascending seq) for verification.
    func auditChain(afterSeq: Int64, limit: Int) async throws -> [AuditRecord]
}
