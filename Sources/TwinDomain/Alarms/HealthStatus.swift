import AlarmCore
import Foundation

/// The state of a place from its open alarms: the worst open severity, and for thermal points
/// (temperature) the data-centre reading of it: OK, WARM (a warning), HOT (critical).
public struct HealthStatus: Sendable, Hashable {
    public enum Thermal: String, Sendable, Hashable {
        case ok = "OK", warm = "WARM", hot = "HOT"
    }

    public var worst: AlarmSeverity?
    public var thermal: Thermal
    /// Open alarms by severity.
    public var open: [AlarmSeverity: Int]

    public init(worst: AlarmSeverity? = nil, thermal: Thermal = .ok, open: [AlarmSeverity: Int] = [:]) {
        self.worst = worst
        self.thermal = thermal
        self.open = open
    }

    /// Adds one open alarm.
    public mutating func count(_ severity: AlarmSeverity, quantity: String) {
        open[severity, default: 0] += 1
        worst = max(worst ?? severity, severity)
        if quantity == "temperature" {
            let level: Thermal = severity >= .critical ? .hot : .warm
            if level == .hot || thermal == .ok { thermal = level }
        }
    }
}
