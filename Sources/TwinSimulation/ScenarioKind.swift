/// The incidents operators train for, and what each one targets. Shared by the simulator (which
/// plays them) and the server (which validates a request before anything is stored).
public enum ScenarioKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The target rack's zone loses cooling (chilled water gone, compressors off, fans on): its
    /// air warms about 0.3 °C a minute at design load until the alarms fire.
    case coolingFailure = "COOLING_FAILURE"
    /// +40 % load on the racks a PDU feeds (or on one rack).
    case powerSpike = "POWER_SPIKE"
    /// The UPS goes on battery; charge and runtime count down.
    case mainsFailure = "MAINS_FAILURE"
    /// A CRAC trips offline; the others in its zone take over as far as they can.
    case unitFault = "UNIT_FAULT"
    /// A leak detector under the target asset closes.
    case leakDetected = "LEAK_DETECTED"
    /// One battery cell's internal resistance climbs and the UPS's state of health drops.
    case cellDegradation = "CELL_DEGRADATION"

    /// The asset kinds a target may be, in the twin's kind names (`power_unit` covers UPS and PDU;
    /// ``acceptsTarget(kind:subtype:hasLeakPoint:)`` narrows it).
    public var targetDescription: String {
        switch self {
        case .coolingFailure: "a rack (its zone loses cooling)"
        case .powerSpike: "a PDU or a rack"
        case .mainsFailure: "a UPS"
        case .unitFault: "a cooling unit (CRAC)"
        case .leakDetected: "an asset with a leak point"
        case .cellDegradation: "a UPS with battery cell points"
        }
    }

    /// Whether an asset can be this scenario's target.
    public func acceptsTarget(kind: String, subtype: String?, pointSuffixes: Set<String>) -> Bool {
        let sub = subtype?.uppercased()
        switch self {
        case .coolingFailure: return kind == "rack"
        case .powerSpike: return kind == "rack" || (kind == "power_unit" && sub == "PDU")
        case .mainsFailure: return kind == "power_unit" && sub == "UPS"
        case .unitFault: return kind == "cooling_unit"
        case .leakDetected: return pointSuffixes.contains("leak")
        case .cellDegradation: return kind == "power_unit" && sub == "UPS" && pointSuffixes.contains { $0.hasPrefix("cell_") }
        }
    }

    /// `COOLING_FAILURE`, `cooling-failure` and `cooling_failure` all name the same scenario.
    public init?(name: String) {
        self.init(rawValue: name.uppercased().replacingOccurrences(of: "-", with: "_"))
    }

    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
