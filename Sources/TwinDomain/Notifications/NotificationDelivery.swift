import Foundation

/// One outbox row: a notification to send (claimed by a dispatcher) or one that failed for good.
public struct NotificationDelivery: Sendable, Hashable, Identifiable {
    public enum State: String, Sendable, Hashable {
        case pending, delivered, dead
    }

    public var id: Int64
    public var webhookID: UUID
    public var siteID: UUID
    public var url: String
    /// Empty in listings (only a dispatcher needs it).
    public var secret: String
    public var alarmID: UUID?
    public var event: String
    /// The JSON body, exactly as signed and sent.
    public var payload: String
    public var state: State
    public var attempts: Int
    public var lastStatus: Int?
    public var lastError: String?
    public var createdAt: Date

    public init(id: Int64, webhookID: UUID, siteID: UUID, url: String, secret: String, alarmID: UUID?, event: String, payload: String,
                state: State, attempts: Int, lastStatus: Int?, lastError: String?, createdAt: Date) {
        self.id = id
        self.webhookID = webhookID
        self.siteID = siteID
        self.url = url
        self.secret = secret
        self.alarmID = alarmID
        self.event = event
        self.payload = payload
        self.state = state
        self.attempts = attempts
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.createdAt = createdAt
    }
}
