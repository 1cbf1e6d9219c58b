import Foundation
import Logging
import TwinDomain

/// Creating, listing and revoking API keys for machine clients.
///
/// A key can never exceed its creator: every permission it carries must be
/// held by the creator on the key's target.
public struct APIKeyAdminService: Sendable {
    let store: any SecurityStore
    let gateway: ChangeGateway<any SecurityTransaction>

    public init(store: any SecurityStore, logger: Logger) {
        self.store = store
        self.gateway = ChangeGateway(securityStore: store, logger: logger)
    }

    public func create(name: String, target: GrantTarget, permissions: Set<Permission>, expiresAt: Date?,
                       by principal: Principal, context: AuditContext) async throws -> APIKeyView {
        guard (1...100).contains(name.count) else { throw SecurityError.invalid(["name must be 1…100 characters"]) }
        if let problem = ControlCharacters.problem(in: name) { throw SecurityError.invalid(["name \(problem)"]) }
        guard !permissions.isEmpty else { throw SecurityError.invalid(["permissions must not be empty"]) }
        if let expiresAt, expiresAt <= Date() { throw SecurityError.invalid(["expires_at must be in the future"]) }
        let (key, prefix) = SecretToken.newAPIKey()
        let record = APIKeyRecord(id: UUID(), prefix: prefix, secretHash: SecretToken.sha256(key), name: name, target: target,
                                  permissions: permissions, createdBy: principal.kind == .user ? principal.id : nil, expiresAt: expiresAt)
        let change = Change(permission: .apiKeysManage, action: "apikey.create", objectKind: "api_key",
                            objectID: record.id.uuidString.lowercased(), siteID: target.siteID, buildingID: target.buildingID)
        return try await gateway.perform(change, by: principal, context: context) { tx, scope in
            try scope.require(target)
            for permission in permissions where !principal.scope(for: permission).covers(target) {
                throw SecurityError.invalid(["you do not hold \(permission.rawValue) on that target"])
            }
            try await tx.insertAPIKey(record)
            let view = APIKeyView(record)
            return ChangeResult(APIKeyView(record, key: key), siteID: target.siteID, buildingID: target.buildingID, after: view.auditJSON)
        }
    }

    public func revoke(id: UUID, by principal: Principal, context: AuditContext) async throws {
        let change = Change(permission: .apiKeysManage, action: "apikey.revoke", objectKind: "api_key", objectID: id.uuidString.lowercased())
        try await gateway.perform(change, by: principal, context: context) { tx, scope in
            guard let record = try await tx.apiKey(id: id) else { throw ChangeScope.Violation() }
            try scope.require(record.target)
            try await tx.revokeAPIKey(id: id)
            var after = record
            after.revokedAt = Date()
            return ChangeResult((), siteID: record.target.siteID, buildingID: record.target.buildingID, before: APIKeyView(record).auditJSON, after: APIKeyView(after).auditJSON)
        }
    }

    public func list(for principal: Principal) async throws -> [APIKeyView] {
        let scope = principal.scope(for: .apiKeysManage)
        guard !scope.isEmpty else { throw SecurityError.forbidden }
        return try await store.apiKeys(visibleIn: scope).map { APIKeyView($0) }
    }
}
