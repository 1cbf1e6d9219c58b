/// Any condition a point can be watched for.
public enum AlarmRule: Sendable, Hashable, Codable {
    case threshold(ThresholdRule)
    case boolean(BooleanRule)
    case rateOfChange(RateOfChangeRule)
    case stale(StaleRule)

    /// Seconds a rise to `level` must hold before it is confirmed.
    func onDelay(for level: ConditionLevel) -> Double {
        switch self {
        case .threshold(let rule): rule.onDelay(for: level)
        case .boolean(let rule): rule.onDelay
        case .rateOfChange(let rule): rule.onDelay
        case .stale: 0
        }
    }

    /// Seconds a fall (to a lower level or normal) must hold before it is confirmed.
    var offDelay: Double {
        switch self {
        case .threshold(let rule): rule.offDelay
        case .boolean(let rule): rule.offDelay
        case .rateOfChange(let rule): rule.offDelay
        case .stale: 0
        }
    }
}
