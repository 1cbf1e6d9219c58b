import AlarmCore

extension PointThresholds {
    /// The point rule these imported limits imply (the sample's `Atrium_Sensor` WarnHigh and
    /// AlarmHigh, COBie attributes): warnings are minor, alarms critical, with `deadband`.
    /// Nil when no limit is set; a ``RuleError`` when the source's limits contradict each other
    /// (a warning above the alarm), which the importer reports instead of guessing.
    public func alarmRule(deadband: Double) throws(RuleError) -> ThresholdRule? {
        var bands: [ThresholdRule.Band] = []
        if let warnHigh { bands.append(.init(side: .high, severity: .minor, limit: warnHigh)) }
        if let alarmHigh { bands.append(.init(side: .high, severity: .critical, limit: alarmHigh)) }
        if let warnLow { bands.append(.init(side: .low, severity: .minor, limit: warnLow)) }
        if let alarmLow { bands.append(.init(side: .low, severity: .critical, limit: alarmLow)) }
        guard !bands.isEmpty else { return nil }
        return try ThresholdRule(bands: bands, deadband: deadband)
    }
}
