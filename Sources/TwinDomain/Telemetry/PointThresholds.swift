/// Alarm thresholds a source gave for a point (canonical unit), kept for the alarm engine.
public struct PointThresholds: Sendable, Hashable, Codable {
    public var warnLow: Double?
    public var warnHigh: Double?
    public var alarmLow: Double?
    public var alarmHigh: Double?

    public init(warnLow: Double? = nil, warnHigh: Double? = nil, alarmLow: Double? = nil, alarmHigh: Double? = nil) {
        self.warnLow = warnLow
        self.warnHigh = warnHigh
        self.alarmLow = alarmLow
        self.alarmHigh = alarmHigh
    }

    public var isEmpty: Bool { warnLow == nil && warnHigh == nil && alarmLow == nil && alarmHigh == nil }

    enum CodingKeys: String, CodingKey {
        case warnLow = "warn_low", warnHigh = "warn_high", alarmLow = "alarm_low", alarmHigh = "alarm_high"
    }
}
