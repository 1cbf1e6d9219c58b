/// A two-state point (leak, door, on/off) in its alarm state: `alarmWhen` is the state that
/// alarms (a reading is true when not 0).
public struct BooleanRule: Sendable, Hashable, Codable {
    public var alarmWhen: Bool
    public var severity: AlarmSeverity
    public var onDelay: Double
    public var offDelay: Double

    public init(alarmWhen: Bool = true, severity: AlarmSeverity = .critical, onDelay: Double = 0, offDelay: Double = 0) throws(RuleError) {
        try RuleChecks.delay(onDelay, "on_delay")
        try RuleChecks.delay(offDelay, "off_delay")
        self.alarmWhen = alarmWhen
        self.severity = severity
        self.onDelay = onDelay
        self.offDelay = offDelay
    }
}

/// A value changing faster than `perMinute` units a minute, in either direction (a CRAC failing
/// shows as inlet temperature climbing long before it passes a limit).
public struct RateOfChangeRule: Sendable, Hashable, Codable {
    public var perMinute: Double
    public var severity: AlarmSeverity
    public var onDelay: Double
    public var offDelay: Double

    public init(perMinute: Double, severity: AlarmSeverity = .major, onDelay: Double = 0, offDelay: Double = 0) throws(RuleError) {
        guard perMinute.isFinite, perMinute > 0 else {
            throw RuleError(field: "per_minute", reason: "must be a finite rate > 0 (got \(perMinute))")
        }
        try RuleChecks.delay(onDelay, "on_delay")
        try RuleChecks.delay(offDelay, "off_delay")
        self.perMinute = perMinute
        self.severity = severity
        self.onDelay = onDelay
        self.offDelay = offDelay
    }
}

/// No reading for `multiple` × the point's expected interval: communication lost. Evaluated by
/// the clock (``ConditionEngine/tick(_:state:now:)``), cleared by the next reading.
public struct StaleRule: Sendable, Hashable, Codable {
    public var multiple: Double
    /// Seconds; nil takes each point's own expected interval (``forInterval(_:)``), so one rule
    /// can watch points that report at different rates.
    public var expectedInterval: Double?
    public var severity: AlarmSeverity

    public init(multiple: Double = 3, expectedInterval: Double? = nil, severity: AlarmSeverity = .major) throws(RuleError) {
        guard multiple.isFinite, multiple >= 1 else { throw RuleError(field: "multiple", reason: "must be a finite number ≥ 1") }
        if let expectedInterval, !(expectedInterval.isFinite && expectedInterval > 0) {
            throw RuleError(field: "expected_interval", reason: "must be a finite number of seconds > 0")
        }
        self.multiple = multiple
        self.expectedInterval = expectedInterval
        self.severity = severity
    }

    /// The rule for a point reporting every `interval` seconds: its own interval when it has
    /// one, else the point's; nil when neither is known (such a point cannot go stale).
    public func forInterval(_ interval: Double?) -> StaleRule? {
        guard expectedInterval == nil else { return self }
        guard let interval, interval.isFinite, interval > 0 else { return nil }
        var rule = self
        rule.expectedInterval = interval
        return rule
    }

    /// Microseconds without a reading after which the point is stale; nil without an interval.
    var limitMicros: Int64? { expectedInterval.map { Int64((multiple * $0 * 1_000_000).rounded(.up)) } }
}

enum RuleChecks {
    static func delay(_ seconds: Double, _ field: String) throws(RuleError) {
        guard seconds.isFinite, seconds >= 0 else {
            throw RuleError(field: field, reason: "must be a finite number of seconds ≥ 0 (got \(seconds))")
        }
    }
}
