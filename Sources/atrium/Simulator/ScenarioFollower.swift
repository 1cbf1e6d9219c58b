import Foundation
import TwinSimulation

/// Follows the building's active scenario runs on the server (`GET /v1/scenarios?state=active`)
/// and switches them on and off in the simulation; the server is the one truth, so a restarted
/// simulator resumes the incidents still running. A server that does not answer changes nothing.
actor ScenarioFollower {
    let api: AtriumAPIClient
    let buildingIDs: Set<String>
    let control: SimulatorControl
    let names: [String: String]
    /// Applied runs: id → (scenario, target asset).
    private var applied: [String: (ScenarioKind, String)] = [:]
    private var reachable = true

    init(api: AtriumAPIClient, buildingIDs: [String], control: SimulatorControl, names: [String: String]) {
        self.api = api
        self.buildingIDs = Set(buildingIDs)
        self.control = control
        self.names = names
    }

    func poll(quiet: Bool) async {
        let runs: [[String: Any]]
        do {
            let query = buildingIDs.count == 1 ? "building=\(buildingIDs.first!)&" : ""
            runs = try await api.all("/v1/scenarios?\(query)state=active").filter { buildingIDs.contains($0["building_id"] as? String ?? "") }
            if !reachable { SimulateRunCommand.say("server answers again", quiet: quiet) }
            reachable = true
        } catch {
            if reachable { SimulateRunCommand.say("server not answering (\(error)); simulating on, scenarios as they were", quiet: quiet) }
            reachable = false
            return
        }
        var current: [String: (ScenarioKind, String)] = [:]
        for run in runs {
            guard let id = run["id"] as? String, let name = run["name"] as? String, let scenario = ScenarioKind(name: name),
                  let target = run["target_asset_id"] as? String else { continue }
            current[id] = (scenario, target)
        }
        for (id, (scenario, target)) in current where applied[id] == nil {
            control.request(.init(scenario: scenario, assetID: target, on: true))
            SimulateRunCommand.say("scenario \(scenario.rawValue) started on \(names[target] ?? target)", quiet: quiet)
        }
        for (id, (scenario, target)) in applied where current[id] == nil {
            control.request(.init(scenario: scenario, assetID: target, on: false))
            SimulateRunCommand.say("scenario \(scenario.rawValue) stopped on \(names[target] ?? target); recovering", quiet: quiet)
        }
        applied = current
    }

    func describe() -> String {
        applied.values.map { "\($0.0.rawValue) on \(names[$0.1] ?? $0.1)" }.sorted().joined(separator: ", ")
    }
}
