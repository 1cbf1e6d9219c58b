import TwinDomain
import TwinSimulation

extension APICatalog {
    static var scenarios: [APIOperation] {
        let run = APISchema.object([("id", .uuid), ("site_id", .uuid), ("building_id", .uuid),
                                    ("name", .enumeration(ScenarioKind.allCases.map(\.rawValue))), ("target_asset_id", .uuid),
                                    ("target", .string()), ("state", .enumeration(["active", "stopped"])), ("started_at", .dateTime),
                                    ("started_by", .string()), ("stopped_at", .dateTime), ("stopped_by", .string()), ("revision", .integer())],
                                   required: ["id", "site_id", "building_id", "name", "target_asset_id", "target", "state", "started_at",
                                              "started_by", "stopped_at", "stopped_by", "revision"],
                                   nullable: ["stopped_at", "stopped_by"])
        return [
            APIOperation(method: "get", path: "/v1/scenarios", summary: "Simulator scenario runs, newest first (what `atrium simulate` plays).",
                         tag: "Simulator", access: .requires(.assetsRead), feature: .scenarios,
                         parameters: [query("building", .uuid, "Only this building."),
                                      query("state", .enumeration(["active", "all"]), "`active` for running ones only (default all).")] + page,
                         replies: [json("200", "One page.", .object([("items", .array(run)), ("next_cursor", .string())],
                                                                    required: ["items", "next_cursor"], nullable: ["next_cursor"]),
                                        headers: ["Link"]), badParameter]),
            APIOperation(method: "get", path: "/v1/scenarios/{id}", summary: "One scenario run.",
                         tag: "Simulator", access: .requires(.assetsRead), feature: .scenarios, parameters: [id("id", "scenario run")],
                         replies: [json("200", "The run.", run), notFound, problem("400", "Malformed id.")]),
            APIOperation(method: "post", path: "/v1/scenarios",
                         summary: "Start an incident on an asset (audited): COOLING_FAILURE (a rack; its zone loses cooling), POWER_SPIKE (a PDU or rack, +40 % load), MAINS_FAILURE (a UPS goes on battery), UNIT_FAULT (a CRAC trips), LEAK_DETECTED (an asset with a leak point), CELL_DEGRADATION (a UPS's battery block). The target is the asset's name, tag or id.",
                         tag: "Simulator", access: .requires(.scenariosRun), feature: .scenarios,
                         body: APIOperation.Body(contentTypes: [("application/json", .object([
                             ("building_id", .uuid), ("name", .string()), ("target", .string()),
                         ], required: ["building_id", "name", "target"]))], description: "The scenario and its target."),
                         replies: [json("201", "Started.", run, headers: ["Location"]),
                                   problem("422", "Unknown scenario (the names are listed) or a target it cannot take (candidates listed)."),
                                   problem("409", "The same scenario already runs on that target."), notFound]),
            APIOperation(method: "post", path: "/v1/scenarios/{id}/stop",
                         summary: "Stop a run (audited); the simulator recovers the plant and the alarms resolve on their own.",
                         tag: "Simulator", access: .requires(.scenariosRun), feature: .scenarios, parameters: [id("id", "scenario run")],
                         replies: [json("200", "Stopped.", run), problem("409", "Stopped already."), notFound, problem("400", "Malformed id.")]),
        ].map(withAuthProblems)
    }
}
