/// High and low limits at several severities, with one deadband (hysteresis) and delays.
///
/// A level is entered when the value passes its limit (strictly: above a high limit, below a low
/// one) and left only once the value is back past the limit by the deadband, so a value hovering
/// around a limit raises one alarm, not a train of them. Each band has its own on-delay ("above
/// 27 °C for 5 min"); leaving a level waits the rule's off-delay.
public struct ThresholdRule: Sendable, Hashable, Codable {
    public struct Band: Sendable, Hashable, Codable {
        public var side: ConditionLevel.Side
        public var severity: AlarmSeverity
        public var limit: Double
        /// Seconds the value must stay past the limit before the level is confirmed.
        public var onDelay: Double

        public init(side: ConditionLevel.Side, severity: AlarmSeverity, limit: Double, onDelay: Double = 0) {
            self.side = side
            self.severity = severity
            self.limit = limit
            self.onDelay = onDelay
        }
    }

    /// High bands by rising limit and severity, then low bands by falling limit and rising severity.
    public private(set) var bands: [Band]
    public private(set) var deadband: Double
    /// Seconds a lower level (or normal) must hold before a confirmed level is left.
    public private(set) var offDelay: Double

    public init(bands: [Band], deadband: Double = 0, offDelay: Double = 0) throws(RuleError) {
        guard !bands.isEmpty else { throw RuleError(field: "bands", reason: "at least one band is needed") }
        guard deadband.isFinite, deadband >= 0 else {
            throw RuleError(field: "deadband", reason: "must be a finite number ≥ 0 (got \(deadband))")
        }
        guard offDelay.isFinite, offDelay >= 0 else {
            throw RuleError(field: "off_delay", reason: "must be a finite number of seconds ≥ 0 (got \(offDelay))")
        }
        for (index, band) in bands.enumerated() {
            guard band.side != .state else {
                throw RuleError(field: "bands[\(index)].side", reason: "a threshold band is high or low")
            }
            guard band.limit.isFinite else { throw RuleError(field: "bands[\(index)].limit", reason: "must be a finite number") }
            guard band.onDelay.isFinite, band.onDelay >= 0 else {
                throw RuleError(field: "bands[\(index)].on_delay", reason: "must be a finite number of seconds ≥ 0")
            }
        }
        let high = bands.filter { $0.side == .high }.sorted { $0.severity < $1.severity }
        let low = bands.filter { $0.side == .low }.sorted { $0.severity < $1.severity }
        for (side, list) in [("high", high), ("low", low)] {
            for (a, b) in zip(list, list.dropFirst()) {
                guard a.severity != b.severity else {
                    throw RuleError(field: "bands", reason: "two \(side) bands at severity \(a.severity)")
                }
                let ordered = side == "high" ? a.limit < b.limit : a.limit > b.limit
                guard ordered else {
                    throw RuleError(field: "bands", reason: "inverted \(side) bands: the \(b.severity) limit \(b.limit) must be "
                                    + (side == "high" ? "above" : "below") + " the \(a.severity) limit \(a.limit)")
                }
            }
        }
        if let lowest = high.first?.limit, let highest = low.first?.limit {
            guard highest + 2 * deadband < lowest else {
                throw RuleError(field: "bands", reason: "the low limits (\(highest)) must lie below the high limits (\(lowest)) "
                                + "by more than twice the deadband")
            }
        }
        self.bands = high + low
        self.deadband = deadband
        self.offDelay = offDelay
    }

    /// ASHRAE TC9.9's recommended envelope for a rack inlet, the shipped default: warning
    /// (minor) above 27 °C for 5 minutes, critical above 32 °C at once, 1 °C deadband.
    /// (Built unchecked; `AlarmRuleTests` asserts the validating initializer accepts it.)
    public static let rackInletDefault = ThresholdRule(
        checkedBands: [Band(side: .high, severity: .minor, limit: 27, onDelay: 300),
                       Band(side: .high, severity: .critical, limit: 32)],
        deadband: 1, offDelay: 0)

    private init(checkedBands: [Band], deadband: Double, offDelay: Double) {
        self.bands = checkedBands
        self.deadband = deadband
        self.offDelay = offDelay
    }

    /// The level `value` is at, given the confirmed `current` one: levels above `current` need
    /// their limit passed, `current` and those below it hold until the deadband is cleared too.
    public func level(of value: Double, current: ConditionLevel?) -> ConditionLevel? {
        var best: Band?
        for band in bands {
            let held = current.map { $0.side == band.side && band.severity <= $0.severity } ?? false
            let margin = held ? deadband : 0
            let breached = band.side == .high ? value > band.limit - margin : value < band.limit + margin
            if breached, best.map({ band.severity > $0.severity }) ?? true { best = band }
        }
        return best.map { ConditionLevel(side: $0.side, severity: $0.severity) }
    }

    func onDelay(for level: ConditionLevel) -> Double {
        bands.first { $0.side == level.side && $0.severity == level.severity }?.onDelay ?? 0
    }
}
