/// How bad an alarm is, ordered: an escalation moves one step up, a health roll-up takes the worst.
public enum AlarmSeverity: Int, Sendable, Hashable, Codable, Comparable, CaseIterable, CustomStringConvertible {
    case info = 1
    case minor = 2
    case major = 3
    case critical = 4

    public static func < (a: AlarmSeverity, b: AlarmSeverity) -> Bool { a.rawValue < b.rawValue }

    /// One step up, critical staying critical.
    public var escalated: AlarmSeverity { AlarmSeverity(rawValue: rawValue + 1) ?? .critical }

    public var description: String {
        switch self {
        case .info: "info"
        case .minor: "minor"
        case .major: "major"
        case .critical: "critical"
        }
    }

    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.description == name }) else { return nil }
        self = found
    }
}
