import Foundation
import TwinDomain

/// Top-level member names each representation has, for validating `fields=`; taken from the
/// representation itself so the list cannot drift from the JSON.
enum TwinFields {
    static func names(_ value: JSONValue) -> [String] {
        guard case .object(let members) = value else { return [] }
        return members.map(\.0)
    }

    static let site = names(TwinRepresentation.site(Site(id: UUID(), name: "")))
    static let building = names(TwinRepresentation.building(Building(id: UUID(), siteID: UUID(), name: "")))
    static let floor = names(TwinRepresentation.floor(Floor(id: UUID(), siteID: UUID(), buildingID: UUID(), name: "")))
    static let space = names(TwinRepresentation.space(Space(id: UUID(), siteID: UUID(), buildingID: UUID(), floorID: UUID(), name: "")))
    static let zone = names(TwinRepresentation.zone(Zone(id: UUID(), siteID: UUID(), buildingID: UUID(), name: "")))
    static let system = names(TwinRepresentation.system(BuildingSystem(id: UUID(), siteID: UUID(), name: "")))
    static let assetType = names(TwinRepresentation.assetType(AssetType(id: UUID(), siteID: UUID(), name: "")))
    static let asset = names(TwinRepresentation.asset(Asset(id: UUID(), siteID: UUID(), kind: .rack, name: "")))
    static let point = names(TwinRepresentation.point(Point(siteID: UUID(), name: "", quantity: .temperature)))
    static let assetDistance = asset + ["distance"]
    static let alarmRule = names(TwinRepresentation.alarmRule(TwinSchemaSamples.alarmRule))
    static let alarm = names(TwinRepresentation.alarm(TwinSchemaSamples.alarm))
    static let model = names(TwinRepresentation.model(TwinModel(id: UUID(), siteID: UUID(), name: "", format: .ifcSTEP, projectKey: "")))
    static let version = names(TwinRepresentation.version(ModelVersion(modelID: UUID(), siteID: UUID(), number: 1, sourceFileName: "",
                                                                        sourceSHA256: "", sourceSize: 0, schema: "")))
    static let job = names(TwinRepresentation.job(ImportJob(id: UUID(), fileName: "", sizeBytes: 0)))
}
