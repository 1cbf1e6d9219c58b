/// Why a simulation cannot start or a scenario cannot be applied, worded for the operator who
/// typed the command (each lists what does exist).
public enum SimulationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No point of the building has a model behind it.
    case noPoints(building: String)
    case unknownScenario(String)
    /// No asset of that name or tag can be the scenario's target; `candidates` are ones that can.
    case unknownTarget(scenario: ScenarioKind, target: String, candidates: [String], total: Int)

    public var description: String {
        switch self {
        case .noPoints(let building):
            return "building \(building) has no points the simulator can drive (racks, CRACs, PDUs, UPSs, humidity or leak sensors); "
                + "import a model with them, or add points through POST /v1/points"
        case .unknownScenario(let name):
            return "unknown scenario '\(name.prefix(60))'; scenarios: \(ScenarioKind.names)"
        case .unknownTarget(let scenario, let target, let candidates, let total):
            let list = candidates.isEmpty ? "none in this building" : candidates.joined(separator: ", ") + (total > candidates.count ? ", … (\(total) in all)" : "")
            return "no target '\(target.prefix(80))' for \(scenario.rawValue), which takes \(scenario.targetDescription): \(list)"
        }
    }
}
