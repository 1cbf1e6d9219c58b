import Foundation
import PostgresNIO
import TwinDomain

/// One asset as stored, resolved to ids: the shape both imports and API writes bind in bulk.
struct AssetRow {
    var id: UUID
    var siteID: UUID
    var buildingID: UUID?
    var floorID: UUID?
    var spaceID: UUID?
    var typeID: UUID?
    var parentID: UUID?
    var parentRackUnits: Int?
    var kind: AssetKind
    var name: String
    var tag: String?
    var serialNumber: String?
    var description: String?
    var position: Point3D?
    var box: Box3D?
    var rack: RackCapacity?
    var mounting: RackMounting?
    var powerDrawW: Double?
    var weightKg: Double?
    var ratedCapacityW: Double?
    var installedOn: Date?
    var warrantyEndsOn: Date?
    var properties: [String: DocumentValue]
    var classifiedBy: String?
    var matchKey: String?
    var source: SourceReference

    init(asset: Asset, parentRackUnits: Int?) {
        id = asset.id
        siteID = asset.siteID
        buildingID = asset.buildingID
        floorID = asset.floorID
        spaceID = asset.spaceID
        typeID = asset.typeID
        parentID = asset.parentID
        self.parentRackUnits = parentRackUnits
        kind = asset.kind
        name = asset.name
        tag = asset.tag
        serialNumber = asset.serialNumber
        description = asset.description
        position = asset.position
        box = asset.box
        rack = asset.rack
        mounting = asset.mounting
        powerDrawW = asset.powerDrawW
        weightKg = asset.weightKg
        ratedCapacityW = asset.ratedCapacityW
        installedOn = asset.installedOn
        warrantyEndsOn = asset.warrantyEndsOn
        properties = asset.properties
        classifiedBy = nil
        matchKey = asset.source.matchKey
        source = asset.source
    }

    init(id: UUID, siteID: UUID, draft: AssetDraft) {
        self.id = id
        self.siteID = siteID
        kind = draft.kind
        name = draft.name
        tag = draft.tag
        serialNumber = draft.serialNumber
        description = draft.description
        position = draft.position
        box = draft.box
        rack = draft.rack
        mounting = draft.mounting
        powerDrawW = draft.powerDrawW
        weightKg = draft.weightKg
        ratedCapacityW = draft.ratedCapacityW
        installedOn = draft.installedOn
        warrantyEndsOn = draft.warrantyEndsOn
        properties = draft.properties
        classifiedBy = draft.classifiedBy
        matchKey = draft.key
        source = draft.source
    }

    /// Binds the rows column by column; API updates leave provenance (match key, source,
    /// classification) as the import wrote it. Rack capacity is only stored on racks (the schema
    /// refuses it elsewhere); `parent_kind` is always 'rack' so a non-rack parent fails the key.
    static func upsert(_ rows: [AssetRow], classification: Bool = true, provenance: Bool = true) -> TwinUpsert {
        var upsert = TwinUpsert(table: "assets")
        upsert.column("id", input: "uuid", rows.map(\.id))
        upsert.column("site_id", input: "uuid", rows.map(\.siteID))
        upsert.column("building_id", input: "uuid", nullable: rows.map(\.buildingID))
        upsert.column("floor_id", input: "uuid", nullable: rows.map(\.floorID))
        upsert.column("space_id", input: "uuid", nullable: rows.map(\.spaceID))
        upsert.column("type_id", input: "uuid", nullable: rows.map(\.typeID))
        upsert.column("parent_id", input: "uuid", nullable: rows.map(\.parentID))
        upsert.column("parent_kind", "CASE WHEN r.parent_id IS NULL THEN NULL ELSE 'rack' END")
        upsert.column("parent_rack_units", input: "int8", nullable: rows.map { $0.parentRackUnits })
        upsert.column("kind", input: "text", rows.map(\.kind.rawValue))
        upsert.column("name", input: "text", rows.map(\.name))
        upsert.column("tag", input: "text", nullable: rows.map(\.tag))
        upsert.column("serial_number", input: "text", nullable: rows.map(\.serialNumber))
        upsert.column("description", input: "text", nullable: rows.map(\.description))
        upsert.position(rows.map(\.position))
        upsert.box(rows.map(\.box))
        let racks = rows.map { $0.kind == .rack ? $0.rack : nil }
        upsert.column("rack_u_height", input: "int8", nullable: racks.map { $0?.uHeight })
        upsert.column("power_budget_w", input: "float8", nullable: racks.map { $0?.powerBudgetW })
        upsert.column("weight_budget_kg", input: "float8", nullable: racks.map { $0?.weightBudgetKg })
        upsert.column("cooling_budget_w", input: "float8", nullable: racks.map { $0?.coolingBudgetW })
        upsert.column("u_position", input: "int8", nullable: rows.map { $0.mounting?.uPosition })
        upsert.column("u_height", input: "int8", nullable: rows.map { $0.mounting?.uHeight })
        upsert.column("power_draw_w", input: "float8", nullable: rows.map(\.powerDrawW))
        upsert.column("weight_kg", input: "float8", nullable: rows.map(\.weightKg))
        upsert.column("rated_capacity_w", input: "float8", nullable: rows.map(\.ratedCapacityW))
        upsert.column("installed_on", input: "timestamptz", nullable: rows.map(\.installedOn))
        upsert.column("warranty_ends_on", input: "timestamptz", nullable: rows.map(\.warrantyEndsOn))
        upsert.properties(rows.map(\.properties))
        if classification {
            upsert.column("classified_by", input: "text", nullable: rows.map(\.classifiedBy))
        }
        if provenance {
            upsert.source(keys: rows.map(\.matchKey), sources: rows.map(\.source))
        }
        return upsert
    }
}
