/// What one (rule, point) pair remembers between readings: the confirmed level, a level waiting
/// out its delay, and the last reading. Small and `Codable` so it can be kept durably: a server
/// restarted in the middle of an on-delay resumes the wait where it was, not from zero.
public struct ConditionState: Sendable, Hashable, Codable {
    /// The confirmed level; nil is normal.
    public var level: ConditionLevel?
    /// A different level the readings point to, waiting for its delay (`pendingSince` set).
    public var pending: ConditionLevel?
    /// When the pending change began (µs since 1970); nil when nothing is pending.
    public var pendingSince: Int64?
    /// The newest reading evaluated (value and time, µs), for rate of change and ordering.
    public var lastValue: Double?
    public var lastTime: Int64?

    public init() {}

    public var isPending: Bool { pendingSince != nil }
}
