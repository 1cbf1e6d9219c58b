import Foundation
import PostgresNIO
import TwinDomain

/// Compact spatial hits as JSON built by PostgreSQL: the candidates are the full path's
/// (`hitCandidates`, through the GiST indexes), and one `json_agg` writes just the members asked
/// for, so no full row is read, decoded and re-encoded per hit.
extension PostGISTwinStore {
    public func assetHitsJSON(_ query: SpatialQuery, filter: SpatialFilter, members: [SpatialHitMember],
                              scope: AccessScope) async throws -> String {
        let object = Self.hitObject(members)
        let (candidates, order) = try Self.hitCandidates(query, filter: filter, scope: scope)
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
