import Foundation
import PostgresNIO
import TwinDomain

enum CapacityRows {
    static let reservation = "r.id, r.site_id, r.building_id, r.rack_id, r.u_position, r.u_height, r.note, r.expires_at, r.created_by, r.created_at"

    static func reservation(_ row: PostgresRow) throws -> RackReservation {
        let (id, site, building, rack, position, height, note, expires, by, created) =
            try row.decode((UUID, UUID, UUID?, UUID, Int32, Int32, String?, Date, String, Date).self)
        return RackReservation(id: id, siteID: site, buildingID: building, rackID: rack, uPosition: Int(position), uHeight: Int(height),
                               note: note, expiresAt: expires, createdBy: by, createdAt: created)
    }
}

extension PostGISTwinStore: CapacityRepository {
    public func capacityAssets(siteID: UUID?, buildingID: UUID?, scope: AccessScope) async throws -> [CapacityAssetRow] {
        // One statement for a whole campus: only the columns and properties capacity reads.
        let names = CapacityAssetRow.propertyNames
        return try await rows("""
            SELECT a.id, a.kind, a.name, a.site_id, a.building_id, a.floor_id, a.space_id, a.parent_id,
                   a.rack_u_height, a.power_budget_w, a.weight_budget_kg, a.cooling_budget_w, a.u_position, a.u_height,
                   a.power_draw_w, a.weight_kg, a.rated_capacity_w,
                   CASE WHEN a.kind <> 'device' THEN
                       ARRAY(SELECT sa.system_id FROM system_assets sa WHERE sa.asset_id = a.id ORDER BY sa.system_id) END AS systems,
                   CASE WHEN a.kind <> 'device' THEN (SELECT t.name FROM asset_types t WHERE t.id = a.type_id) END AS type_name,
                   CASE WHEN a.kind = 'device' THEN ARRAY[coalesce(a.properties ->> 'AllocatedPowerW', '')]
                        ELSE ARRAY(SELECT coalesce(a.properties ->> n, '') FROM unnest(\(names)::text[]) WITH ORDINALITY AS p(n, i) ORDER BY i)
                   END AS props
            FROM assets a
            WHERE a.retired_in_version IS NULL AND a.kind IN ('rack', 'device', 'power_unit', 'cooling_unit')
              AND (\(siteID)::uuid IS NULL OR a.site_id = \(siteID)::uuid)
              AND (\(buildingID)::uuid IS NULL OR a.building_id = \(buildingID)::uuid)
              AND \(scope: scope, siteColumn: "a.site_id", buildingColumn: "a.building_id")
            """) { row in
            let r = row.makeRandomAccess()
            let rack = try TwinRows.rackCapacity(r), mounting = try TwinRows.rackMounting(r)
            // Devices carry only their allocation (the one property capacity reads of them).
            let values = try r["props"].decode([String].self)
            var properties: [String: String] = [:]
            for (name, value) in zip(values.count == 1 ? ["AllocatedPowerW"] : names, values) where !value.isEmpty { properties[name] = value }
            return CapacityAssetRow(
                id: try r["id"].decode(UUID.self), kind: AssetKind(rawValue: try r["kind"].decode(String.self)) ?? .equipment,
                name: try r["name"].decode(String.self), siteID: try r["site_id"].decode(UUID.self),
                buildingID: try r["building_id"].decode(UUID?.self), floorID: try r["floor_id"].decode(UUID?.self),
                spaceID: try r["space_id"].decode(UUID?.self), parentID: try r["parent_id"].decode(UUID?.self), rack: rack,
                mounting: mounting, powerDrawW: try r["power_draw_w"].decode(Double?.self), weightKg: try r["weight_kg"].decode(Double?.self),
                ratedCapacityW: try r["rated_capacity_w"].decode(Double?.self), systemIDs: try r["systems"].decode([UUID]?.self) ?? [],
                typeName: try r["type_name"].decode(String?.self),
                properties: properties)
        }
    }

    public func systemNames(ids: Set<UUID>) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let pairs = try await rows("SELECT id, name FROM systems WHERE id = ANY(\(Array(ids)))") { row in
            try row.decode((UUID, String).self)
        }
        return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
    }

    public func measuredRackPower(rackIDs: Set<UUID>, from: Date, hourly: Bool) async throws -> [UUID: (max: Double, p95: Double)] {
        guard !rackIDs.isEmpty else { return [:] }
        let table = hourly ? "readings_1h" : "readings_1m"
        let found = try await rows("""
            SELECT p.asset_id, max(r.max), percentile_cont(0.95) WITHIN GROUP (ORDER BY r.sum / r.count)
            FROM points p JOIN \(unescaped: table) r ON r.point_key = p.key
            WHERE p.asset_id = ANY(\(Array(rackIDs))) AND p.quantity = 'power' AND p.retired_at IS NULL
              AND r.bucket >= \(from) AND r.count > 0
            GROUP BY p.asset_id
            """) { row in try row.decode((UUID, Double, Double).self) }
        return Dictionary(found.map { ($0.0, (max: $0.1, p95: $0.2)) }, uniquingKeysWith: { a, _ in a })
    }

    public func rackReservations(rackIDs: Set<UUID>, at now: Date) async throws -> [RackReservation] {
        guard !rackIDs.isEmpty else { return [] }
        return try await rows("""
            SELECT \(unescaped: CapacityRows.reservation) FROM rack_reservations r
            WHERE r.rack_id = ANY(\(Array(rackIDs))) AND r.expires_at > \(now)
            """, CapacityRows.reservation)
    }

    public func rackReservations(siteID: UUID?, at now: Date, scope: AccessScope) async throws -> [RackReservation] {
        try await rows("""
            SELECT \(unescaped: CapacityRows.reservation) FROM rack_reservations r
            WHERE (\(siteID)::uuid IS NULL OR r.site_id = \(siteID)::uuid) AND r.expires_at > \(now)
              AND \(scope: scope, siteColumn: "r.site_id", buildingColumn: "r.building_id")
            ORDER BY r.created_at, r.id LIMIT 10000
            """, CapacityRows.reservation)
    }

    public func powerPoints(siteID: UUID, buildingID: UUID?) async throws -> [PowerPointRow] {
        try await rows("""
            SELECT p.key, p.asset_id, coalesce(a.space_id, p.space_id), a.kind, a.properties ->> 'predefinedType',
                   a.properties ->> 'objectType', a.properties ->> 'Metering'
            FROM points p LEFT JOIN assets a ON a.id = p.asset_id
            WHERE p.site_id = \(siteID) AND (\(buildingID)::uuid IS NULL OR p.building_id = \(buildingID)::uuid)
              AND p.quantity = 'power' AND p.retired_at IS NULL
            """) { row in
            let (key, asset, space, kind, predefined, objectType, metering) =
                try row.decode((Int64, UUID?, UUID?, String?, String?, String?, String?).self)
            return PowerPointRow(key: key, assetID: asset, spaceID: space, assetKind: kind.flatMap(AssetKind.init(rawValue:)), predefinedType: predefined,
                                 objectType: objectType, metering: metering)
        }
    }

    public func hourlyPower(pointKeys: [Int64], from: Date, to: Date) async throws -> [(start: Date, watts: Double, points: Int)] {
        guard !pointKeys.isEmpty else { return [] }
        return try await rows("""
            SELECT r.bucket, sum(r.sum / r.count), count(*) FROM readings_1h r
            WHERE r.point_key = ANY(\(pointKeys)) AND r.bucket >= \(from) AND r.bucket < \(to) AND r.count > 0
            GROUP BY r.bucket ORDER BY r.bucket
            """) { row in
            let (start, watts, points) = try row.decode((Date, Double, Int64).self)
            return (start, watts, Int(points))
        }
    }

    public func rackReservation(id: UUID, scope: AccessScope) async throws -> RackReservation? {
        try await rows("""
            SELECT \(unescaped: CapacityRows.reservation) FROM rack_reservations r
            WHERE r.id = \(id) AND \(scope: scope, siteColumn: "r.site_id", buildingColumn: "r.building_id")
            """, CapacityRows.reservation).first
    }
}

extension PostgresTwinTransaction {
    public func insertRackReservation(_ reservation: RackReservation, now: Date) async throws -> RackReservation {
        // Serialize reservations of one rack, then refuse an overlap with an unexpired one.
        try await run("SELECT pg_advisory_xact_lock(hashtextextended(\(reservation.rackID.uuidString), 0))")
        let last = reservation.uPosition + reservation.uHeight - 1
        let overlapping = try await rows("""
            SELECT 1 FROM rack_reservations WHERE rack_id = \(reservation.rackID) AND expires_at > \(now)
              AND u_position <= \(last) AND u_position + u_height - 1 >= \(reservation.uPosition)
            """) { _ in () }
        guard overlapping.isEmpty else { throw RepositoryError.conflict(rule: "reservation.overlap") }
        guard let stored = try await rows("""
            INSERT INTO rack_reservations (id, site_id, building_id, rack_id, u_position, u_height, note, expires_at, created_by, created_at)
            VALUES (\(reservation.id), \(reservation.siteID), \(reservation.buildingID), \(reservation.rackID), \(Int32(reservation.uPosition)),
                    \(Int32(reservation.uHeight)), \(reservation.note), \(reservation.expiresAt), \(reservation.createdBy), \(reservation.createdAt))
            RETURNING \(unescaped: CapacityRows.reservation.replacingOccurrences(of: "r.", with: ""))
            """, CapacityRows.reservation).first else { throw RepositoryError.failed(store: "postgresql") }
        return stored
    }

    public func deleteRackReservation(id: UUID) async throws -> RackReservation? {
        try await rows("""
            DELETE FROM rack_reservations WHERE id = \(id)
            RETURNING \(unescaped: CapacityRows.reservation.replacingOccurrences(of: "r.", with: ""))
            """, CapacityRows.reservation).first
    }
}
