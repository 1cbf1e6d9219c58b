/// When an unacknowledged alarm escalates.
public struct EscalationPolicy: Sendable, Hashable, Codable {
    /// Seconds unacknowledged before each escalation.
    public var after: Double
    /// Raise severity one step (else only re-notify).
    public var raise: Bool
    /// At most this many escalations per alarm.
    public var maximum: Int

    public init(after: Double, raise: Bool = true, maximum: Int = 3) throws(RuleError) {
        guard after.isFinite, after > 0 else { throw RuleError(field: "after", reason: "must be a finite number of seconds > 0") }
        guard maximum >= 0 else { throw RuleError(field: "maximum", reason: "must be ≥ 0") }
        self.after = after
        self.raise = raise
        self.maximum = maximum
    }
}
