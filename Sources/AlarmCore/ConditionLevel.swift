/// Where a condition stands once confirmed: which side of the band it breached (or that a state
/// condition holds) and at what severity. "Normal" is the absence of a level (`nil`).
public struct ConditionLevel: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Side: String, Sendable, Hashable, Codable {
        /// Above a high limit.
        case high
        /// Below a low limit.
        case low
        /// A boolean, rate-of-change or stale condition holds.
        case state
    }

    public var side: Side
    public var severity: AlarmSeverity

    public init(side: Side, severity: AlarmSeverity) {
        self.side = side
        self.severity = severity
    }

    public var description: String { "\(side.rawValue) \(severity)" }

    /// 0 for normal, else the severity's rank: what "raising" compares.
    static func rank(_ level: ConditionLevel?) -> Int { level?.severity.rawValue ?? 0 }
}
