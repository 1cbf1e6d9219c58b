import AlarmCore
import Foundation

/// Where a site's alarm changes are POSTed. `secret` signs each body (HMAC-SHA256); it is shown
/// once, when the webhook is created, and never again.
public struct Webhook: Sendable, Hashable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    public var name: String
    public var url: String
    public var secret: String
    /// Changes of alarms below this severity are not sent.
    public var minSeverity: AlarmSeverity
    public var enabled: Bool
    public var revision: Int64
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID = UUID(), siteID: UUID, name: String, url: String, secret: String, minSeverity: AlarmSeverity = .info,
                enabled: Bool = true, revision: Int64 = 1, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.siteID = siteID
        self.name = name
        self.url = url
        self.secret = secret
        self.minSeverity = minSeverity
        self.enabled = enabled
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
