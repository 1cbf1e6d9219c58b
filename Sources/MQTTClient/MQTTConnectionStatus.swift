/// A snapshot of a connection, for health endpoints, logs and tests.
public struct MQTTConnectionStatus: Sendable, Hashable {
    /// Connected and accepted by the broker (CONNACK success).
    public var connected: Bool
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

    public init(connected: Bool = false, connects: Int = 0, messagesReceived: Int = 0, published: Int = 0, acknowledged: Int = 0,
                lastError: String? = nil, sessionPresent: Bool = false) {
        self.connected = connected
        self.connects = connects
        self.messagesReceived = messagesReceived
        self.published = published
        self.acknowledged = acknowledged
        self.lastError = lastError
        self.sessionPresent = sessionPresent
    }
}
