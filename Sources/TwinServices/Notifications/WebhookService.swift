import AlarmCore
import Foundation
import Logging
import TwinDomain

/// A site's webhooks and the notifications that failed for good: `alarms.manage` on the site to
/// see or change them (the secret is shown once, at creation); changes are audited.
public struct WebhookService: Sendable {
    let store: any NotificationRepository & TwinRepository
    let gateway: ChangeGateway<any TwinTransaction>

    public init(store: any NotificationRepository & TwinRepository, logger: Logger) {
        self.store = store
        self.gateway = ChangeGateway(store: TwinAuditedStore(base: store), logger: logger)
    }

    public func webhooks(siteID: UUID?, page: PageRequest, principal: Principal) async throws -> Page<Webhook> {
        try await store.webhooks(siteID: siteID, page: page, scope: principal.scope(for: .alarmsManage))
    }

    public func deadNotifications(siteID: UUID?, page: PageRequest, principal: Principal) async throws -> Page<NotificationDelivery> {
        try await store.deadNotifications(siteID: siteID, page: page, scope: principal.scope(for: .alarmsManage))
    }

    /// Stores a webhook with a fresh secret (returned once, in the result).
    public func create(siteID: UUID, name: String, url: String, minSeverity: AlarmSeverity, by principal: Principal,
                       context: AuditContext) async throws -> Webhook {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(name.count) else { throw RuleError(field: "name", reason: "1…200 characters") }
        if let problem = NotificationTarget.problem(url) { throw RuleError(field: "url", reason: problem) }
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let secret = "whsec_" + bytes.map { String(format: "%02x", $0) }.joined()
        let webhook = Webhook(siteID: siteID, name: name, url: url, secret: secret, minSeverity: minSeverity)
        let change = Change(permission: .alarmsManage, action: "webhook.create", objectKind: "webhook",
                            objectID: webhook.id.uuidString.lowercased(), siteID: siteID)
        return try await gateway.perform(change, by: principal, context: context) { tx, scope in
            try scope.require(siteID: siteID, buildingID: nil)
            let stored = try await tx.insertWebhook(webhook)
            return ChangeResult(stored, siteID: siteID, after: Self.audit(stored))
        }
    }

    public func delete(id: UUID, by principal: Principal, context: AuditContext) async throws -> Bool {
        guard let visible = try await store.webhook(id: id, scope: principal.scope(for: .alarmsManage)) else { return false }
        let change = Change(permission: .alarmsManage, action: "webhook.delete", objectKind: "webhook",
                            objectID: id.uuidString.lowercased(), siteID: visible.siteID)
        return try await gateway.perform(change, by: principal, context: context) { tx, scope in
            try scope.require(siteID: visible.siteID, buildingID: nil)
            guard let gone = try await tx.deleteWebhook(id: id) else { throw RepositoryError.notFound }
            return ChangeResult(true, siteID: gone.siteID, before: Self.audit(gone))
        }
    }

    /// Never the secret.
    static func audit(_ webhook: Webhook) -> CanonicalJSON {
        ["id": .string(webhook.id.uuidString.lowercased()), "name": .string(webhook.name), "url": .string(webhook.url),
         "min_severity": .string(webhook.minSeverity.description), "enabled": .bool(webhook.enabled)]
    }
}
