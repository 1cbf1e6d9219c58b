import Foundation
import PostgresNIO
import TwinDomain

extension PostGISTwinStore {
    public func space(containing point: Point3D, buildingID: UUID, scope: AccessScope) async throws -> Space? {
        // The footprint covers XY (boundary included); Z must lie in the space's box, or else in
        // the floor's storey band; the smallest such space wins (a cage inside a hall).
        try await rows("""
            SELECT \(unescaped: TwinRows.space) FROM spaces sp JOIN floors f ON f.id = sp.floor_id
            WHERE sp.building_id = \(buildingID) AND sp.retired_in_version IS NULL AND sp.footprint IS NOT NULL
              AND \(scope: scope, siteColumn: "sp.site_id", buildingColumn: "sp.building_id")
              AND ST_Covers(sp.footprint, ST_SetSRID(ST_MakePoint(\(point.x), \(point.y)), 0))
              AND \(point.z) >= coalesce(ST_ZMin(sp.box::box3d), f.elevation, '-Infinity'::float8)
              AND \(point.z) <= coalesce(ST_ZMax(sp.box::box3d), f.elevation + coalesce(sp.height, f.height), 'Infinity'::float8)
            ORDER BY ST_Area(sp.footprint), sp.id LIMIT 1
            """, TwinRows.space).first
    }

    public func assets(_ query: SpatialQuery, filter: SpatialFilter, scope: AccessScope) async throws -> [AssetDistance] {
        let kinds = filter.kinds.map(\.rawValue).sorted()
        if case .insideSpace(let spaceID) = query {
            return try await assets(inSpace: spaceID, filter: filter, kinds: kinds, scope: scope)
        }
        // The candidates' full rows are read only for the `limit` hits: the row's `box`,
        // `properties` and system ids are TOASTed or sub-selected, and computing them for every
        // candidate before the sort cost more than the search.
        let (candidates, order) = try Self.hitCandidates(query, filter: filter, scope: scope)
        var sql = candidates  // the wrapper adds no binds, so the placeholders keep their numbers
        sql.sql = "SELECT \(TwinRows.asset), c.distance FROM (" + candidates.sql + ") c JOIN assets a ON a.id = c.id ORDER BY \(order)"
        return try await distanceRows(sql)
    }

    /// The hits' ids and distances, in order and limited (`insideSpace` aside): shared by the full
    /// path and the compact JSON one so both always answer the same hits. `order` sorts them again
    /// once joined (alias `c` for the candidates, `a` for the asset row).
    static func hitCandidates(_ query: SpatialQuery, filter: SpatialFilter,
                              scope: AccessScope) throws -> (candidates: PostgresQuery, order: String) {
        let kinds = filter.kinds.map(\.rawValue).sorted()
        switch query {
        case .withinDistance(let point, let radius):
            guard radius.isFinite, radius >= 0, point.isFinite else {
                throw RepositoryError.constraintViolated(rule: "spatial.invalid-query")
            }
            // `&&&` (n-D box overlap) narrows through the GiST index; the exact point-to-box
            // distance (0 inside the box, per axis gap otherwise) then filters and orders. The
            // extent is read once per candidate (OFFSET 0 keeps the planner from inlining the
            // cast into every use).
            return ("""
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
                """, "c.distance, a.id")
        case .insideBox(let box):
            // Names in code point order (`COLLATE "C"`), whatever the database's locale: the
            // in-memory index (`SpatialIndex`) orders the same way.
            guard box.isFinite else { throw RepositoryError.constraintViolated(rule: "spatial.invalid-query") }
            return ("""
                SELECT n.id, NULL::float8 AS distance FROM assets n
                WHERE n.building_id = \(filter.buildingID) AND n.retired_in_version IS NULL AND n.shape IS NOT NULL
                  AND \(scope: scope, siteColumn: "n.site_id", buildingColumn: "n.building_id")
                  AND (cardinality(\(kinds)::text[]) = 0 OR n.kind = ANY(\(kinds)::text[]))
                  AND n.shape &&& ST_3DMakeBox(ST_MakePoint(\(box.min.x), \(box.min.y), \(box.min.z)),
                                               ST_MakePoint(\(box.max.x), \(box.max.y), \(box.max.z)))::geometry
                ORDER BY n.name COLLATE "C", n.id LIMIT \(filter.limit)
                """, #"a.name COLLATE "C", a.id"#)
        case .nearest(let point, let limit):
            guard point.isFinite else { throw RepositoryError.constraintViolated(rule: "spatial.invalid-query") }
            // KNN: `<<->>` orders by n-D distance through the (building_id, anchor) GiST index;
            // anchors are points, so the index distance is the exact 3D distance.
            return ("""
                SELECT n.id, ST_3DDistance(n.anchor, ST_SetSRID(ST_MakePoint(\(point.x), \(point.y), \(point.z)), 0)) AS distance
                FROM assets n
                WHERE n.building_id = \(filter.buildingID) AND n.retired_in_version IS NULL AND n.anchor IS NOT NULL
                  AND \(scope: scope, siteColumn: "n.site_id", buildingColumn: "n.building_id")
                  AND (cardinality(\(kinds)::text[]) = 0 OR n.kind = ANY(\(kinds)::text[]))
                ORDER BY n.anchor <<->> ST_SetSRID(ST_MakePoint(\(point.x), \(point.y), \(point.z)), 0), n.id
                LIMIT \(max(1, min(limit, filter.limit)))
                """, "c.distance, a.id")
        case .insideSpace:
            // Assigned to the space or anchored in its band: `assets(inSpace:…)` has its own query.
            throw RepositoryError.constraintViolated(rule: "spatial.invalid-query")
        }
    }

    /// Assets assigned to the space, or anchored inside its footprint and height band.
    private func assets(inSpace spaceID: UUID, filter: SpatialFilter, kinds: [String], scope: AccessScope) async throws -> [AssetDistance] {
        try await distanceRows("""
            SELECT \(unescaped: TwinRows.asset), NULL::float8 AS distance
            FROM spaces sp JOIN floors f ON f.id = sp.floor_id JOIN assets a ON a.building_id = sp.building_id
            WHERE sp.id = \(spaceID) AND sp.building_id = \(filter.buildingID) AND a.retired_in_version IS NULL
              AND \(scope: scope, siteColumn: "sp.site_id", buildingColumn: "sp.building_id")
              AND \(scope: scope, siteColumn: "a.site_id", buildingColumn: "a.building_id")
              AND (cardinality(\(kinds)::text[]) = 0 OR a.kind = ANY(\(kinds)::text[]))
              AND (a.space_id = sp.id OR (
                    sp.footprint IS NOT NULL AND a.anchor IS NOT NULL
                    AND ST_Covers(sp.footprint, ST_Force2D(a.anchor))
                    AND ST_Z(a.anchor) >= coalesce(ST_ZMin(sp.box::box3d), f.elevation, '-Infinity'::float8)
                    AND ST_Z(a.anchor) <= coalesce(ST_ZMax(sp.box::box3d), f.elevation + coalesce(sp.height, f.height),
                                                   'Infinity'::float8)))
            ORDER BY a.name, a.id LIMIT \(filter.limit)
            """)
    }

    private func distanceRows(_ query: PostgresQuery) async throws -> [AssetDistance] {
        try await rows(query) { row in
            AssetDistance(asset: try TwinRows.asset(row), distance: try row.makeRandomAccess()["distance"].decode(Double?.self))
        }
    }
}
