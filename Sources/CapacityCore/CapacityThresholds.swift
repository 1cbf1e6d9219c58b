/// Utilisation at which a rack is flagged: amber from 60 %, red from 80 % by default.
public struct CapacityThresholds: Sendable, Hashable {
    public var amber: Double
    public var red: Double

    public init(amber: Double = 0.6, red: Double = 0.8) {
        self.amber = amber
        self.red = red
    }

    public enum Flag: String, Sendable, Hashable, Comparable {
        case ok, amber, red
        public static func < (a: Flag, b: Flag) -> Bool { a.order < b.order }
        var order: Int { self == .ok ? 0 : self == .amber ? 1 : 2 }
    }

    public func flag(_ utilisation: Double?) -> Flag {
        guard let utilisation else { return .ok }
        return utilisation >= red ? .red : utilisation >= amber ? .amber : .ok
    }
}
