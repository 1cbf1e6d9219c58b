import Foundation
import PostgresNIO
import TwinDomain

/// A building's assets for the in-memory spatial index: the extent and anchor are read from the
/// very columns the PostGIS queries test (`shape`, `anchor`), so both paths see the same numbers.
extension PostGISTwinStore {
    public func spatialCatalog(buildingID: UUID) async throws -> SpatialCatalog? {
        guard let siteID = try await rows("SELECT site_id FROM buildings WHERE id = \(buildingID)", { try $0.decode(UUID.self) }).first
        else { return nil }
        let records = try await rows("""
            SELECT a.id, a.kind, a.name, a.tag, a.revision, a.site_id, a.building_id, a.floor_id, a.space_id, a.type_id,
                   a.parent_id, a.model_id, \(unescaped: TwinRows.source("a")),
                   ST_X(a.position) AS pos_x, ST_Y(a.position) AS pos_y, ST_Z(a.position) AS pos_z,
                   ST_XMin(e.e) AS x0, ST_YMin(e.e) AS y0, ST_ZMin(e.e) AS z0,
                   ST_XMax(e.e) AS x1, ST_YMax(e.e) AS y1, ST_ZMax(e.e) AS z1,
                   ST_X(a.anchor) AS anchor_x, ST_Y(a.anchor) AS anchor_y, ST_Z(a.anchor) AS anchor_z
            FROM assets a CROSS JOIN LATERAL (SELECT a.shape::box3d AS e OFFSET 0) e
            WHERE a.building_id = \(buildingID) AND a.retired_in_version IS NULL
            ORDER BY a.id
            """, Self.catalogRecord)
        return SpatialCatalog(buildingID: buildingID, siteID: siteID, records: records)
    }

    static func catalogRecord(_ row: PostgresRow) throws -> SpatialCatalog.Record {
        let r = row.makeRandomAccess()
        func point(_ x: String, _ y: String, _ z: String) throws -> Point3D? {
            guard let x = try r[x].decode(Double?.self), let y = try r[y].decode(Double?.self) else { return nil }
            return Point3D(x: x, y: y, z: try r[z].decode(Double?.self) ?? 0)
        }
        var extent: Box3D?
        if let low = try point("x0", "y0", "z0"), let high = try point("x1", "y1", "z1") {
            extent = Box3D(min: low, max: high)
        }
        let kindText = try r["kind"].decode(String.self)
        return SpatialCatalog.Record(
            id: try r["id"].decode(UUID.self), kind: AssetKind(rawValue: kindText) ?? .other,
            name: try r["name"].decode(String.self), tag: try r["tag"].decode(String?.self),
            revision: try r["revision"].decode(Int.self), siteID: try r["site_id"].decode(UUID.self),
            buildingID: try r["building_id"].decode(UUID?.self), floorID: try r["floor_id"].decode(UUID?.self),
            spaceID: try r["space_id"].decode(UUID?.self), typeID: try r["type_id"].decode(UUID?.self),
            parentID: try r["parent_id"].decode(UUID?.self), modelID: try r["model_id"].decode(UUID?.self),
            source: try TwinRows.decodeSource(r), position: try point("pos_x", "pos_y", "pos_z"), extent: extent,
            anchor: try point("anchor_x", "anchor_y", "anchor_z"))
    }
}
