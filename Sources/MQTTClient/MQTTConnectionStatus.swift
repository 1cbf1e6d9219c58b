/// A snapshot of a connection, for health endpoints, logs and tests.
public struct MQTTConnectionStatus: Sendable, Hashable {
    /// Connected and accepted by the broker (CONNACK success).
    public var connected: Bool
    /// The broker granted every subscription of the current connection (SUBACK).
    public var subscribed: Bool
    /// Successful connections so far, the first included.
    public var connects: Int
    /// Messages handed to the handler.
    public var messagesReceived: Int
    /// Messages published by this client, and how many of those the broker has acknowledged.
    public var published: Int
    public var acknowledged: Int
    /// The latest connection problem (cleared on success), in libmosquitto's words.
    public var lastError: String?
    /// True once the session the broker resumed was a stored one (MQTT "session present").
    public var sessionPresent: Bool
    /// SUBACKs still expected on this connection (-1 after a refusal).
    var pendingSubscriptions = 0

    public init(connected: Bool = false, subscribed: Bool = false, connects: Int = 0, messagesReceived: Int = 0, published: Int = 0, acknowledged: Int = 0,
                lastError: String? = nil, sessionPresent: Bool = false) {
        self.connected = connected
        self.subscribed = subscribed
        self.connects = connects
        self.messagesReceived = messagesReceived
        self.published = published
        self.acknowledged = acknowledged
        self.lastError = lastError
        self.sessionPresent = sessionPresent
    }
}
