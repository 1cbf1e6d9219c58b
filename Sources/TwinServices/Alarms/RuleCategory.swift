import AlarmCore

/// The kinds of condition a point can have one rule each of.
enum RuleCategory: CaseIterable {
    case threshold, boolean, rateOfChange, stale

    init(of rule: AlarmRule) {
        switch rule {
        case .threshold: self = .threshold
        case .boolean: self = .boolean
        case .rateOfChange: self = .rateOfChange
        case .stale: self = .stale
        }
    }
}
