import ArgumentParser
import Foundation
import TwinSimulation

/// `atrium simulate scenario NAME --target TAG [--stop]`: starts or stops an incident through
/// the API (`POST /v1/scenarios`, audited, admins only); the running simulator plays it.
struct ScenarioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Start or stop an incident scenario on an asset (COOLING_FAILURE, POWER_SPIKE, MAINS_FAILURE, UNIT_FAULT, LEAK_DETECTED, CELL_DEGRADATION).",
        discussion: """
            COOLING_FAILURE takes a rack (its zone loses cooling), POWER_SPIKE a PDU or rack, MAINS_FAILURE a UPS, \
            UNIT_FAULT a CRAC, LEAK_DETECTED an asset with a leak point, CELL_DEGRADATION a UPS with battery blocks. \
            The target is the asset's name, tag or id. Needs the scenarios.run permission (admins).
            """
    )

    @Argument(help: "The scenario's name.")
    var name: String
    @Option(help: "The target asset: name, tag or id.")
    var target: String
    @Flag(help: "Stop the scenario instead (the plant recovers; alarms resolve on their own).")
    var stop = false
    @OptionGroup var api: SimulatorAPIOptions

    func validate() throws {
        guard ScenarioKind(name: name) != nil else { throw ValidationError("unknown scenario '\(name)'; scenarios: \(ScenarioKind.names)") }
    }

    func run() async throws {
        let client = try api.client()
        do {
            try await perform(client)
        } catch let failure as AtriumAPIClient.Failure {
            await client.shutdown()
            throw CommandFailure(failure.message)
        }
        await client.shutdown()
    }

    func perform(_ client: AtriumAPIClient) async throws {
        let scenario = ScenarioKind(name: name)!
        let reference = try await api.buildingReference(client)
        let buildings = try await client.all("/v1/buildings?fields=id,name")
        guard let building = buildings.first(where: { ($0["id"] as? String) == reference.lowercased() || ($0["name"] as? String)?.lowercased() == reference.lowercased() }),
              let buildingID = building["id"] as? String else {
            throw CommandFailure("no building '\(reference)'; buildings: \(buildings.compactMap { $0["name"] as? String }.sorted().joined(separator: ", "))")
        }
        if stop {
            let active = try await client.all("/v1/scenarios?building=\(buildingID)&state=active")
            let wanted = target.lowercased()
            guard let run = active.first(where: {
                ($0["name"] as? String) == scenario.rawValue
                    && (($0["target"] as? String)?.lowercased() == wanted || ($0["target_asset_id"] as? String) == wanted)
            }), let id = run["id"] as? String else {
                let running = active.compactMap { run in (run["name"] as? String).map { "\($0) on \(run["target"] as? String ?? "?")" } }
                throw CommandFailure("\(scenario.rawValue) is not running on '\(target)'; running: "
                    + (running.isEmpty ? "nothing" : running.joined(separator: ", ")))
            }
            try await client.call(.POST, "/v1/scenarios/\(id)/stop")
            print("stopped \(scenario.rawValue) on \(run["target"] as? String ?? target) (run \(id))")
        } else {
            let run = try await client.call(.POST, "/v1/scenarios", json: ["building_id": buildingID, "name": scenario.rawValue, "target": target])
                as? [String: Any]
            print("started \(scenario.rawValue) on \(run?["target"] as? String ?? target) (run \(run?["id"] as? String ?? "?")); "
                + "stop it with: atrium simulate scenario \(scenario.rawValue) --target \(target) --stop")
        }
    }
}
