import Foundation
import PostgresNIO
import TwinDomain

/// The building's outline for a navigator, written by PostgreSQL in one statement: counts are
/// grouped once (floor, space, kind) and summed per level, so the size of the answer follows the
/// number of floors and spaces, not of assets.
extension PostGISTwinStore {
    public func outlineJSON(buildingID: UUID, scope: AccessScope) async throws -> String? {
        try await rows("""
            WITH counts AS MATERIALIZED (
                SELECT floor_id, space_id, kind, count(*)::int8 AS n FROM assets
                WHERE building_id = \(buildingID) AND retired_in_version IS NULL
                GROUP BY floor_id, space_id, kind
            )
            SELECT json_build_object(
                'building', json_build_object('id', b.id, 'site_id', b.site_id, 'model_id', b.model_id, 'name', b.name,
                                              'revision', b.revision),
                'asset_counts', (SELECT coalesce(json_object_agg(k.kind, k.n ORDER BY k.kind), '{}')
                                 FROM (SELECT kind, sum(n)::int8 AS n FROM counts GROUP BY kind) k),
                'floors', (SELECT coalesce(json_agg(json_build_object(
                        'id', f.id, 'name', f.name, 'elevation', f.elevation,
                        'asset_counts', (SELECT coalesce(json_object_agg(k.kind, k.n ORDER BY k.kind), '{}')
                                         FROM (SELECT kind, sum(n)::int8 AS n FROM counts WHERE floor_id = f.id GROUP BY kind) k),
                        'spaces', (SELECT coalesce(json_agg(json_build_object(
                                'id', sp.id, 'name', sp.name, 'long_name', sp.long_name,
                                'asset_counts', (SELECT coalesce(json_object_agg(c.kind, c.n ORDER BY c.kind), '{}')
                                                 FROM counts c WHERE c.space_id = sp.id))
                            ORDER BY sp.name, sp.id), '[]')
                            FROM spaces sp WHERE sp.floor_id = f.id AND sp.retired_in_version IS NULL))
                    ORDER BY f.elevation NULLS LAST, f.name, f.id), '[]')
                    FROM floors f WHERE f.building_id = b.id AND f.retired_in_version IS NULL),
                'zones', (SELECT coalesce(json_agg(json_build_object(
                        'id', z.id, 'name', z.name, 'category', z.category,
                        'space_ids', (SELECT coalesce(json_agg(zs.space_id ORDER BY zs.space_id), '[]')
                                      FROM zone_spaces zs WHERE zs.zone_id = z.id))
                    ORDER BY z.name, z.id), '[]')
                    FROM zones z WHERE z.building_id = b.id AND z.retired_in_version IS NULL),
                'systems', (SELECT coalesce(json_agg(json_build_object(
                        'id', s.id, 'name', s.name, 'category', s.category,
                        'asset_count', (SELECT count(*) FROM system_assets sa WHERE sa.system_id = s.id)::int8)
                    ORDER BY s.name, s.id), '[]')
                    FROM systems s WHERE s.building_id = b.id AND s.retired_in_version IS NULL)
            )::text
            FROM buildings b
            WHERE b.id = \(buildingID) AND \(scope: scope, siteColumn: "b.site_id", buildingColumn: "b.id")
            """) { try $0.decode(String.self) }.first
    }
}
