import Foundation
import TwinSimulation

/// A building as the REST API shows it to the simulator and `atrium watch`: its site, floors and
/// spaces by name, the assets a plant is built from, and every point with its wire details.
struct BuildingSnapshot: Sendable {
    struct PointInfo: Sendable {
        var id: String
        var externalKey: String
        var name: String
        var quantity: String
        /// The unit the point's readings arrive in when a gateway names none.
        var unit: String
        var topic: String?
        var assetID: String?
        var spaceID: String?
        var floorID: String?
        /// Where it is, for its topic (`{site}`, `{building}`).
        var siteID = ""
        var siteName = ""
        var buildingID = ""
        var buildingName = ""
    }

    var siteID: String
    var siteName: String
    var buildingID: String
    var buildingName: String
    var floors: [String: String]
    var spaces: [String: String]
    var assets: [PlantInput.Asset]
    var points: [PointInfo]

    var plantInput: PlantInput {
        PlantInput(assets: assets, points: points.map {
            PlantInput.Point(id: $0.id, externalKey: $0.externalKey, assetID: $0.assetID, spaceID: $0.spaceID, quantity: $0.quantity,
                             intervalSeconds: intervals[$0.id])
        })
    }

    var intervals: [String: Double] = [:]
    /// Every building this snapshot covers (one, or several merged for a campus run).
    var buildingIDs: [String] = []

    /// One snapshot of several buildings (`atrium simulate --building all`): their assets and points
    /// side by side; each building's halls stay separate zones.
    static func merged(_ parts: [BuildingSnapshot]) -> BuildingSnapshot {
        guard var first = parts.first else { preconditionFailure("merged needs a snapshot") }
        for part in parts.dropFirst() {
            first.assets += part.assets
            first.points += part.points
            first.floors.merge(part.floors) { a, _ in a }
            first.spaces.merge(part.spaces) { a, _ in a }
            first.intervals.merge(part.intervals) { a, _ in a }
            first.buildingIDs += part.buildingIDs
        }
        first.buildingName = parts.map(\.buildingName).joined(separator: ", ")
        return first
    }

    /// Loads the building `reference` names (id or name, case-insensitive); the error lists the
    /// buildings that exist, and says so when the building has no points.
    static func load(_ api: AtriumAPIClient, building reference: String) async throws -> BuildingSnapshot {
        let buildings = try await api.all("/v1/buildings?fields=id,name,site_id")
        let wanted = reference.lowercased()
        guard let building = buildings.first(where: { ($0["id"] as? String) == wanted })
            ?? buildings.first(where: { ($0["name"] as? String)?.lowercased() == wanted }),
              let buildingID = building["id"] as? String, let siteID = building["site_id"] as? String else {
            let names = buildings.compactMap { $0["name"] as? String }.sorted()
            throw AtriumAPIClient.Failure(status: nil, message: "no building '\(reference)'; "
                + (names.isEmpty ? "the server has none visible to this key" : "buildings: " + names.prefix(20).joined(separator: ", ")))
        }
        let site = try await api.call(.GET, "/v1/sites/\(siteID)?fields=id,name") as? [String: Any]
        let siteName = site?["name"] as? String ?? siteID
        async let floorList = api.all("/v1/floors?building=\(buildingID)&fields=id,name")
        async let spaceList = api.all("/v1/spaces?building=\(buildingID)&fields=id,name,long_name")
        async let assetList = api.all("/v1/assets?building=\(buildingID)&kind=rack,cooling_unit,power_unit,sensor,equipment"
            + "&fields=id,name,tag,kind,space_id,floor_id,rack,rated_capacity_w,properties")
        async let deviceList = api.all("/v1/assets?building=\(buildingID)&kind=device&fields=parent_id,power_draw_w")
        async let pointList = api.all("/v1/points?site=\(siteID)&fields=id,building_id,floor_id,space_id,asset_id,external_key,topic,name,quantity,unit,expected_interval_s")
        var draw: [String: Double] = [:]
        for device in try await deviceList {
            if let parent = device["parent_id"] as? String, let watts = device["power_draw_w"] as? Double { draw[parent, default: 0] += watts }
        }
        let assets: [PlantInput.Asset] = try await assetList.compactMap { a in
            guard let id = a["id"] as? String, let name = a["name"] as? String, let kind = a["kind"] as? String else { return nil }
            let properties = a["properties"] as? [String: Any] ?? [:]
            let predefined = properties["predefinedType"] as? String, objectType = properties["objectType"] as? String
            let rack = a["rack"] as? [String: Any]
            return PlantInput.Asset(id: id, name: name, tag: a["tag"] as? String, kind: kind, spaceID: a["space_id"] as? String,
                                    floorID: a["floor_id"] as? String,
                                    subtype: predefined?.uppercased() == "UPS" ? "UPS" : (objectType ?? predefined),
                                    powerBudgetW: rack?["power_budget_w"] as? Double, ratedCapacityW: a["rated_capacity_w"] as? Double,
                                    devicesDrawW: draw[id])
        }
        var intervals: [String: Double] = [:]
        let points: [PointInfo] = try await pointList.compactMap { p in
            guard (p["building_id"] as? String) == buildingID, let id = p["id"] as? String, let quantity = p["quantity"] as? String else {
                return nil
            }
            if let interval = p["expected_interval_s"] as? Double { intervals[id] = interval }
            return PointInfo(id: id, externalKey: p["external_key"] as? String ?? id, name: p["name"] as? String ?? id, quantity: quantity,
                             unit: p["unit"] as? String ?? "", topic: p["topic"] as? String, assetID: p["asset_id"] as? String,
                             spaceID: p["space_id"] as? String, floorID: p["floor_id"] as? String, siteID: siteID,
                             siteName: siteName, buildingID: buildingID, buildingName: building["name"] as? String ?? buildingID)
        }
        func names(_ list: [[String: Any]]) -> [String: String] {
            Dictionary(list.compactMap { item in
                (item["id"] as? String).map { ($0, (item["name"] as? String) ?? $0) }
            }, uniquingKeysWith: { a, _ in a })
        }
        var snapshot = BuildingSnapshot(siteID: siteID, siteName: siteName, buildingID: buildingID,
                                        buildingName: building["name"] as? String ?? buildingID, floors: names(try await floorList),
                                        spaces: names(try await spaceList), assets: assets, points: points)
        snapshot.intervals = intervals
        snapshot.buildingIDs = [buildingID]
        return snapshot
    }
}
