import Foundation
import PostgresNIO
import TwinDomain

/// Compact spatial hits as JSON built by PostgreSQL: the search picks the candidates' ids (through
/// the GiST indexes, as the full path does), and one `json_agg` writes just the members asked for,
/// so no full row is read, decoded and re-encoded per hit.
extension PostGISTwinStore {
    public func assetHitsJSON(_ query: SpatialQuery, filter: SpatialFilter, members: [SpatialHitMember],
                              scope: AccessScope) async throws -> String {
        let kinds = filter.kinds.map(\.rawValue).sorted()
        let object = Self.hitObject(members)
        let candidates: PostgresQuery
        let order: String
        switch query {
        case .withinDistance(let point, let radius):
            guard radius.isFinite, radius >= 0, point.isFinite else { throw RepositoryError.constraintViolated(rule: "spatial.invalid-query") }
            order = "c.distance, a.id"
            candidates = """
                SELECT n.id, d.distance FROM assets n
                CROSS JOIN LATERAL (SELECT n.shape::box3d AS e OFFSET 0) b
                CROSS JOIN LATERAL (SELECT sqrt(
                    power(greatest(ST_XMin(b.e) - \(point.x), 0, \(point.x) - ST_XMax(b.e)), 2)
                  + power(greatest(ST_YMin(b.e) - \(point.y), 0, \(point.y) - ST_YMax(b.e)), 2)
                  + power(greatest(ST_ZMin(b.e) - \(point.z), 0, \(point.z) - ST_ZMax(b.e)), 2)
                ) AS distance) d
                WHERE n.building_id = \(filter.buildingID) AND n.retired_in_version IS NULL AND n.shape IS NOT NULL
                  AND \(scope: scope, siteColumn: "n.site_id", buildingColumn: "n.building_id")
                  AND (cardinality(\(kinds)::text[]) = 0 OR n.kind = ANY(\(kinds)::text[]))
                  AND n.shape &&& ST_3DMakeBox(ST_MakePoint(\(point.x - radius), \(point.y - radius), \(point.z - radius)),
                                               ST_MakePoint(\(point.x + radius), \(point.y + radius), \(point.z + radius)))::geometry
                  AND d.distance <= \(radius)
                ORDER BY d.distance, n.id LIMIT \(filter.limit)
                """
        case .insideBox(let box):
            guard box.isFinite else { throw RepositoryError.constraintViolated(rule: "spatial.invalid-query") }
            order = "a.name, a.id"
            candidates = """
                SELECT n.id, NULL::float8 AS distance FROM assets n
                WHERE n.building_id = \(filter.buildingID) AND n.retired_in_version IS NULL AND n.shape IS NOT NULL
                  AND \(scope: scope, siteColumn: "n.site_id", buildingColumn: "n.building_id")
                  AND (cardinality(\(kinds)::text[]) = 0 OR n.kind = ANY(\(kinds)::text[]))
                  AND n.shape &&& ST_3DMakeBox(ST_MakePoint(\(box.min.x), \(box.min.y), \(box.min.z)),
                                               ST_MakePoint(\(box.max.x), \(box.max.y), \(box.max.z)))::geometry
                ORDER BY n.name, n.id LIMIT \(filter.limit)
                """
        case .insideSpace:
            // Answered through the full path (`assets(_:filter:scope:)`), which knows the space's band.
            throw RepositoryError.constraintViolated(rule: "spatial.invalid-query")
        case .nearest(let point, let limit):
            guard point.isFinite else { throw RepositoryError.constraintViolated(rule: "spatial.invalid-query") }
            order = "c.distance, a.id"
            candidates = """
                SELECT n.id, ST_3DDistance(n.anchor, ST_SetSRID(ST_MakePoint(\(point.x), \(point.y), \(point.z)), 0)) AS distance
                FROM assets n
                WHERE n.building_id = \(filter.buildingID) AND n.retired_in_version IS NULL AND n.anchor IS NOT NULL
                  AND \(scope: scope, siteColumn: "n.site_id", buildingColumn: "n.building_id")
                  AND (cardinality(\(kinds)::text[]) = 0 OR n.kind = ANY(\(kinds)::text[]))
                ORDER BY n.anchor <<->> ST_SetSRID(ST_MakePoint(\(point.x), \(point.y), \(point.z)), 0), n.id
                LIMIT \(max(1, min(limit, filter.limit)))
                """
        }
        // The wrapper adds no binds, so the candidates' placeholders keep their numbers.
        var sql = candidates
        sql.sql = "SELECT coalesce(json_agg(\(object) ORDER BY \(order)), '[]')::text FROM (" + candidates.sql
            + ") c JOIN assets a ON a.id = c.id"
        return try await rows(sql) { try $0.decode(String.self) }.first ?? "[]"
    }

    /// `json_build_object(…)` of the members, from this fixed list of expressions only.
    static func hitObject(_ members: [SpatialHitMember]) -> String {
        let pairs = members.map { member -> String in
            let expression = switch member {
            case .id: "a.id"
            case .kind: "a.kind"
            case .name: "a.name"
            case .tag: "a.tag"
            case .revision: "a.revision"
            case .distance: "c.distance"
            case .siteID: "a.site_id"
            case .buildingID: "a.building_id"
            case .floorID: "a.floor_id"
            case .spaceID: "a.space_id"
            case .typeID: "a.type_id"
            case .parentID: "a.parent_id"
            case .modelID: "a.model_id"
            case .source: "json_build_object('ifc_global_id', a.source_global_id, 'cobie_name', a.source_cobie_name, 'source_type', a.source_type)"
            case .position: "CASE WHEN a.position IS NULL THEN NULL ELSE json_build_object('x', ST_X(a.position), 'y', ST_Y(a.position), 'z', ST_Z(a.position)) END"
            }
            return "'\(member.rawValue)', \(expression)"
        }
        return "json_build_object(\(pairs.joined(separator: ", ")))"
    }
}
