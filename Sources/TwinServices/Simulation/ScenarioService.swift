import Foundation
import Logging
import TwinDomain
import TwinSimulation

/// Simulator scenarios through the API: an admin starts one on a building's asset (checked
/// against what the scenario can target, with the candidates listed when it cannot), stops it,
/// and anyone who may read the building sees which run. Every start and stop is audited; the
/// simulator (`atrium simulate`) polls the active ones and plays them.
public struct ScenarioService: Sendable {
    public enum ScenarioError: Error, Sendable, Equatable {
        case invalid(field: String, reason: String)
        /// The same scenario already runs on that target.
        case alreadyActive(UUID?)
        /// The run is stopped already.
        case stopped
    }

    let store: any ScenarioRepository & TwinRepository & TelemetryRepository
    let gateway: ChangeGateway<any TwinTransaction>
    let now: @Sendable () -> Date

    public init(store: any ScenarioRepository & TwinRepository & TelemetryRepository, logger: Logger,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.gateway = ChangeGateway(store: TwinAuditedStore(base: store), logger: logger)
        self.now = now
    }

    public func runs(buildingID: UUID?, activeOnly: Bool, page: PageRequest, principal: Principal) async throws -> Page<ScenarioRun> {
        try await store.scenarioRuns(buildingID: buildingID, activeOnly: activeOnly, page: page, scope: principal.scope(for: .assetsRead))
    }

    public func run(id: UUID, principal: Principal) async throws -> ScenarioRun? {
        try await store.scenarioRun(id: id, scope: principal.scope(for: .assetsRead))
    }

    /// Starts `name` on the asset `target` names (name, tag or id) in the building; nil when the
    /// building is not visible to the caller.
    public func start(buildingID: UUID, name: String, target: String, by principal: Principal, context: AuditContext) async throws -> ScenarioRun? {
        guard let building = try await store.building(id: buildingID, scope: principal.scope(for: .assetsRead)) else { return nil }
        guard let scenario = ScenarioKind(name: name) else {
            throw ScenarioError.invalid(field: "name", reason: "unknown scenario '\(name.prefix(60))'; one of \(ScenarioKind.names)")
        }
        let input = try await plantInput(building: building)
        let targetID: String
        do {
            targetID = try SimulationRun.resolveTarget(target, for: scenario, in: input)
        } catch {
            throw ScenarioError.invalid(field: "target", reason: error.description)
        }
        guard let assetID = UUID(uuidString: targetID), let asset = input.assets.first(where: { $0.id == targetID }) else {
            throw ScenarioError.invalid(field: "target", reason: "not an asset")
        }
        let run = ScenarioRun(siteID: building.siteID, buildingID: buildingID, name: scenario.rawValue, targetAssetID: assetID,
                              targetName: asset.name, startedAt: now(), startedBy: principal.name)
        let change = Change(permission: .scenariosRun, action: "scenario.start", objectKind: "scenario",
                            objectID: run.id.uuidString.lowercased(), siteID: building.siteID, buildingID: buildingID)
        do {
            return try await gateway.perform(change, by: principal, context: context) { tx, scope in
                try scope.require(siteID: building.siteID, buildingID: buildingID)
                let stored = try await tx.insertScenarioRun(run)
                return ChangeResult(stored, siteID: stored.siteID, buildingID: stored.buildingID, after: Self.audit(stored))
            }
        } catch RepositoryError.conflict {
            let active = try await store.scenarioRuns(buildingID: buildingID, activeOnly: true, page: PageRequest(limit: 1000),
                                                      scope: principal.scope(for: .assetsRead))
            throw ScenarioError.alreadyActive(active.items.first { $0.name == run.name && $0.targetAssetID == assetID }?.id)
        }
    }

    /// Stops an active run; nil when it is not visible.
    public func stop(id: UUID, by principal: Principal, context: AuditContext) async throws -> ScenarioRun? {
        guard let visible = try await store.scenarioRun(id: id, scope: principal.scope(for: .assetsRead)) else { return nil }
        guard visible.state == .active else { throw ScenarioError.stopped }
        let change = Change(permission: .scenariosRun, action: "scenario.stop", objectKind: "scenario",
                            objectID: id.uuidString.lowercased(), siteID: visible.siteID, buildingID: visible.buildingID)
        let time = now()
        return try await gateway.perform(change, by: principal, context: context) { tx, scope in
            try scope.require(siteID: visible.siteID, buildingID: visible.buildingID)
            guard let stopped = try await tx.stopScenarioRun(id: id, by: principal.name, at: time) else { throw ScenarioError.stopped }
            return ChangeResult(stopped, siteID: stopped.siteID, buildingID: stopped.buildingID, before: Self.audit(visible),
                                after: Self.audit(stopped))
        }
    }

    /// The building's assets that scenarios can target, and their points (what the simulator sees too).
    func plantInput(building: Building) async throws -> PlantInput {
        var assets: [Asset] = []
        var cursor: String?
        repeat {
            let page = try await store.assets(AssetQuery(buildingID: building.id, kinds: [.rack, .coolingUnit, .powerUnit, .sensor, .equipment],
                                                         page: PageRequest(cursor: cursor, limit: PageRequest.maximumLimit)),
                                              scope: .everything)
            assets += page.items
            cursor = page.nextCursor
        } while cursor != nil && assets.count < 1_000_000
        let points = try await store.activePoints(siteIDs: [building.siteID]).filter { $0.buildingID == building.id }
        return PlantInput(assets: assets.map(Self.plantAsset), points: points.map(Self.plantPoint))
    }

    static func plantAsset(_ asset: Asset) -> PlantInput.Asset {
        func text(_ key: String) -> String? {
            if case .string(let value)? = asset.properties[key] { return value }
            return nil
        }
        let predefined = text("predefinedType"), objectType = text("objectType")
        let subtype = predefined?.uppercased() == "UPS" ? "UPS" : (objectType ?? predefined)
        return PlantInput.Asset(id: asset.id.uuidString.lowercased(), name: asset.name, tag: asset.tag, kind: asset.kind.rawValue,
                                spaceID: asset.spaceID?.uuidString.lowercased(), floorID: asset.floorID?.uuidString.lowercased(),
                                subtype: subtype, powerBudgetW: asset.rack?.powerBudgetW, ratedCapacityW: asset.ratedCapacityW)
    }

    static func plantPoint(_ point: Point) -> PlantInput.Point {
        PlantInput.Point(id: point.id.uuidString.lowercased(), externalKey: point.externalKey ?? point.id.uuidString.lowercased(),
                         assetID: point.assetID?.uuidString.lowercased(), spaceID: point.spaceID?.uuidString.lowercased(),
                         quantity: point.quantity.rawValue, intervalSeconds: point.expectedIntervalSeconds)
    }

    static func audit(_ run: ScenarioRun) -> CanonicalJSON {
        ["id": .string(run.id.uuidString.lowercased()), "name": .string(run.name),
         "building_id": .string(run.buildingID.uuidString.lowercased()),
         "target_asset_id": .string(run.targetAssetID.uuidString.lowercased()), "target": .string(run.targetName),
         "state": .string(run.state.rawValue)]
    }
}
