import Foundation

/// How to reach a broker and what to ask of it.
///
/// The defaults are the ones an ingest client wants: MQTT 5, a persistent session (the broker
/// keeps the subscription and queues QoS 1 messages while this client is away, for
/// `sessionExpiry`), and reconnection with exponential backoff.
public struct MQTTClientOptions: Sendable {
    public var host: String
    public var port: Int
    /// TLS (`mqtts://`); `caFile` nil trusts the operating system's certificate store.
    public var useTLS: Bool
    public var caFile: String?
    public var username: String?
    public var password: String?
    /// Must be stable across restarts: the broker finds the persistent session by it.
    public var clientID: String
    /// false asks for a clean start: no queued messages, no remembered subscriptions.
    public var persistentSession: Bool = true
    /// How long the broker keeps the session after a disconnect (MQTT 5 session expiry).
    public var sessionExpiry: Duration = .seconds(7 * 86_400)
    public var keepAlive: Duration = .seconds(30)
    /// QoS 1/2 messages the broker may have in flight to us before waiting for acknowledgements.
    public var receiveMaximum: UInt16 = 1_000
    /// Reconnect delays: the first retry waits `reconnectDelay.lowerBound` seconds, growing
    /// quadratically up to the upper bound.
    public var reconnectDelay: ClosedRange<Int> = 1...30
    public var subscriptions: [MQTTSubscription] = []
    /// On a graceful stop, unsubscribe and end the session instead of keeping it for a restart:
    /// for a server leaving a shared subscription for good (the broker would otherwise keep
    /// queueing its share in the session it left behind).
    public var leaveOnStop = false

    public init(host: String, port: Int = 1883, useTLS: Bool = false, username: String? = nil, password: String? = nil,
                clientID: String) {
        self.host = host
        self.port = port
        self.useTLS = useTLS
        self.username = username
        self.password = password
        self.clientID = clientID
    }

    /// Reads `mqtt://user:password@host:port` or `mqtts://…` (user and password percent-encoded,
    /// port defaulting to 1883 or 8883). A path, query or fragment is refused rather than ignored.
    public init(url text: String, clientID: String) throws(MQTTError) {
        guard let url = URLComponents(string: text) else { throw .invalidURL("not a URL") }
        let scheme = url.scheme?.lowercased()
        guard scheme == "mqtt" || scheme == "mqtts" else { throw .invalidURL("the scheme must be mqtt:// or mqtts://") }
        guard let host = url.host, !host.isEmpty else { throw .invalidURL("no host") }
        guard url.path.isEmpty || url.path == "/" else { throw .invalidURL("a broker URL has no path") }
        guard url.query == nil, url.fragment == nil else { throw .invalidURL("a broker URL has no query or fragment") }
        let tls = scheme == "mqtts"
        let port = url.port ?? (tls ? 8883 : 1883)
        guard (1...65_535).contains(port) else { throw .invalidURL("port \(port) is out of range") }
        self.init(host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: port, useTLS: tls,
                  username: url.user.flatMap { $0.isEmpty ? nil : $0 }, password: url.password, clientID: clientID)
        guard password == nil || username != nil else { throw .invalidURL("a password needs a user name") }
    }

    func validate() throws(MQTTError) {
        guard !clientID.isEmpty, clientID.utf8.count <= 65_535 else { throw .invalidOption("the client id must be 1 to 65535 bytes") }
        guard !clientID.utf8.contains(0) else { throw .invalidOption("the client id holds NUL") }
        for credential in [username, password].compactMap({ $0 }) where credential.utf8.contains(0) {
            throw .invalidOption("credentials hold NUL")
        }
        guard reconnectDelay.lowerBound >= 1 else { throw .invalidOption("reconnect delays are whole seconds of at least 1") }
        guard keepAlive >= .seconds(5) else { throw .invalidOption("keep-alive must be at least 5 s") }
        for subscription in subscriptions {
            guard (0...2).contains(subscription.qos) else { throw .invalidOption("QoS \(subscription.qos) of \(subscription.filter)") }
            guard !subscription.filter.isEmpty, !subscription.filter.utf8.contains(0) else {
                throw .invalidOption("empty topic filter or NUL in one")
            }
        }
    }
}
