/// Live events between server processes (issue 14: every server delivers every event in scope to
/// its own clients): a server posts compact notices on the PostgreSQL channel `live_events`, and
/// every server, itself included, is told each one in commit order.
public protocol LiveChannel: Sendable {
    /// Posts each payload (at most ``maximumPayloadBytes`` UTF-8 bytes) as one notice.
    func notifyLive(_ payloads: [String]) async throws
}

/// Receives `live_events` notices (the store's listener calls it synchronously, in order: return quickly).
public protocol LiveChannelObserver: Sendable {
    func liveNotified(_ payload: String)
    /// The listener lost its session (notices may have been missed) or listens again.
    func liveChannelReset(listening: Bool)
}

public enum LiveChannelLimits {
    /// PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more.
    public static let maximumPayloadBytes = 7_900
    public static let channel = "live_events"
}
