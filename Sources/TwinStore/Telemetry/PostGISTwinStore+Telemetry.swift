import Foundation
import PostgresNIO
import TelemetryCore
import TwinDomain

/// Points and readings in PostgreSQL (Migrations/0011): see ``TelemetryRepository``.
extension PostGISTwinStore: TelemetryRepository {
    static let pointColumns = """
        p.id, p.key, p.site_id, p.building_id, p.floor_id, p.space_id, p.asset_id, p.sensor_asset_id, p.external_key, p.topic,
        p.name, p.quantity, p.unit, p.expected_interval_s, p.valid_min, p.valid_max, p.thresholds::text AS thresholds, p.origin,
        p.retired_at, p.revision, p.created_at, p.updated_at
        """

    static func point(_ row: PostgresRow) throws -> Point {
        let r = row.makeRandomAccess()
        let quantityText = try r["quantity"].decode(String.self)
        guard let quantity = Quantity(rawValue: quantityText) else { throw RepositoryError.failed(store: "postgresql") }
        let thresholds = (try r["thresholds"].decode(String.self)).data(using: .utf8)
            .flatMap { try? JSONDecoder().decode(PointThresholds.self, from: $0) } ?? PointThresholds()
        return Point(
            id: try r["id"].decode(UUID.self), key: try r["key"].decode(Int64.self), siteID: try r["site_id"].decode(UUID.self),
            buildingID: try r["building_id"].decode(UUID?.self), floorID: try r["floor_id"].decode(UUID?.self),
            spaceID: try r["space_id"].decode(UUID?.self), assetID: try r["asset_id"].decode(UUID?.self),
            sensorAssetID: try r["sensor_asset_id"].decode(UUID?.self), externalKey: try r["external_key"].decode(String?.self),
            topic: try r["topic"].decode(String?.self), name: try r["name"].decode(String.self), quantity: quantity,
            unit: try r["unit"].decode(String.self), expectedIntervalSeconds: try r["expected_interval_s"].decode(Double?.self),
            validMin: try r["valid_min"].decode(Double?.self), validMax: try r["valid_max"].decode(Double?.self),
            thresholds: thresholds, origin: try r["origin"].decode(String.self), retiredAt: try r["retired_at"].decode(Date?.self),
            revision: try r["revision"].decode(Int64.self), createdAt: try r["created_at"].decode(Date.self),
            updatedAt: try r["updated_at"].decode(Date.self))
    }

    public func points(_ query: PointQuery, scope: AccessScope) async throws -> Page<Point> {
        let after = try TwinPageCursor.decodeNameID(query.page.cursor)
        let items = try await rows("""
            SELECT \(unescaped: Self.pointColumns) FROM points p
            WHERE \(scope: scope, siteColumn: "p.site_id", buildingColumn: "p.building_id")
              AND (\(query.includeRetired) OR p.retired_at IS NULL)
              AND (\(query.siteID)::uuid IS NULL OR p.site_id = \(query.siteID)::uuid)
              AND (\(query.assetID)::uuid IS NULL OR p.asset_id = \(query.assetID)::uuid)
              AND (\(query.spaceID)::uuid IS NULL OR p.space_id = \(query.spaceID)::uuid)
              AND (\(query.floorID)::uuid IS NULL OR p.floor_id = \(query.floorID)::uuid)
              AND (\(query.quantity?.rawValue)::text IS NULL OR p.quantity = \(query.quantity?.rawValue)::text)
              AND (\(after.name)::text IS NULL OR (p.name, p.id) > (\(after.name)::text, \(after.id)::uuid))
            ORDER BY p.name, p.id LIMIT \(query.page.limit + 1)
            """, Self.point)
        return namedPage(items, limit: query.page.limit) { ($0.name, $0.id) }
    }

    public func point(id: UUID, scope: AccessScope) async throws -> Point? {
        try await rows("""
            SELECT \(unescaped: Self.pointColumns) FROM points p
            WHERE p.id = \(id) AND \(scope: scope, siteColumn: "p.site_id", buildingColumn: "p.building_id")
            """, Self.point).first
    }

    public func activePoints(siteIDs: Set<UUID>?) async throws -> [Point] {
        let sites = siteIDs.map { Array($0) }
        return try await rows("""
            SELECT \(unescaped: Self.pointColumns) FROM points p
            WHERE p.retired_at IS NULL AND (\(sites)::uuid[] IS NULL OR p.site_id = ANY(\(sites)::uuid[]))
            """, Self.point)
    }

    public func activePointAddresses() async throws -> [PointAddress] {
        try await rows("""
            SELECT p.id, s.name AS site_name, b.name AS building_name, a.name AS asset_name, a.tag AS asset_tag,
                   sa.name AS sensor_name, sa.tag AS sensor_tag
            FROM points p
            JOIN sites s ON s.id = p.site_id
            LEFT JOIN buildings b ON b.id = p.building_id
            LEFT JOIN assets a ON a.id = p.asset_id
            LEFT JOIN assets sa ON sa.id = p.sensor_asset_id
            WHERE p.retired_at IS NULL
            """) { row in
            let (id, site, building, asset, tag, sensor, sensorTag) = try row.decode((UUID, String, String?, String?, String?, String?, String?).self)
            return PointAddress(pointID: id, siteName: site, buildingName: building, assetName: asset, assetTag: tag,
                                sensorName: sensor, sensorTag: sensorTag)
        }
    }

    static func insertPointQuery(_ point: Point) throws -> PostgresQuery {
        let thresholds = String(decoding: try JSONEncoder().encode(point.thresholds), as: UTF8.self)
        return """
            INSERT INTO points (id, site_id, building_id, floor_id, space_id, asset_id, sensor_asset_id, external_key, topic, name,
                quantity, unit, expected_interval_s, valid_min, valid_max, thresholds, origin, created_at, updated_at)
            VALUES (\(point.id), \(point.siteID), \(point.buildingID)::uuid, \(point.floorID)::uuid, \(point.spaceID)::uuid,
                \(point.assetID)::uuid, \(point.sensorAssetID)::uuid, \(point.externalKey)::text, \(point.topic)::text, \(point.name),
                \(point.quantity.rawValue), \(point.unit), \(point.expectedIntervalSeconds)::float8, \(point.validMin)::float8,
                \(point.validMax)::float8, \(thresholds)::jsonb, \(point.origin), \(point.createdAt), \(point.updatedAt))
            RETURNING \(unescaped: Self.pointColumns.replacingOccurrences(of: "p.", with: ""))
            """
    }

    // MARK: Readings

    /// Every reading new, as readings from the spool almost always are: COPY them and merge rollups
    /// computed here. A replay (the spool's cursor lagging a commit, a client sending a batch again)
    /// or a duplicate within the batch makes the COPY fail on the (point, time) key; that batch then
    /// takes the idempotent path, which inserts what is new and rolls up only that.
    public func insertReadings(_ readings: [Reading]) async throws -> Int {
        guard !readings.isEmpty else { return 0 }
        do {
            if let copied = try await copyReadings(readings) { return copied }
        } catch RepositoryError.conflict {
            // Some of these readings are stored already.
        }
        return try await upsertReadings(readings)
    }

    /// The idempotent path: `INSERT … ON CONFLICT DO NOTHING`, rollups from what was inserted.
    func upsertReadings(_ readings: [Reading]) async throws -> Int {
        // Times go to PostgreSQL as integer microseconds: a Date (a Double of seconds) cannot hold
        // every microsecond of this century, and a time off by one would be taken for a replay.
        var keys: [Int64] = [], times: [Int64] = [], values: [Double] = [], qualities: [Int16] = []
        keys.reserveCapacity(readings.count)
        times.reserveCapacity(readings.count)
        values.reserveCapacity(readings.count)
        qualities.reserveCapacity(readings.count)
        var firstDay = Int64.max, lastDay = Int64.min
        for reading in readings {
            keys.append(reading.pointKey)
            times.append(reading.timeMicros)
            values.append(reading.value)
            qualities.append(Self.qualityCode(reading.quality))
            let day = reading.timeMicros >= 0 ? reading.timeMicros / 86_400_000_000 : (reading.timeMicros + 1) / 86_400_000_000 - 1
            firstDay = min(firstDay, day)
            lastDay = max(lastDay, day)
        }
        let first = Date(timeIntervalSince1970: Double(firstDay) * 86_400)
        let last = Date(timeIntervalSince1970: Double(lastDay) * 86_400)
        return try await database.withTransaction { connection in
            try await Self.ensurePartitions(first, last, on: connection, logger: logger)
            let result = try await connection.query("""
                WITH input AS (
                    -- int8 → float8 is exact below 2^53 µs (year 2255), and so is the interval product.
                    SELECT point_key, timestamptz 'epoch' + micros * interval '1 microsecond' AS time, value, quality
                    FROM unnest(\(keys)::int8[], \(times)::int8[], \(values)::float8[], \(qualities)::int2[])
                        AS r(point_key, micros, value, quality)
                ), inserted AS (
                    INSERT INTO readings (point_key, time, value, quality)
                    SELECT DISTINCT ON (point_key, time) point_key, time, value, quality FROM input ORDER BY point_key, time
                    ON CONFLICT DO NOTHING
                    RETURNING point_key, time, value, quality
                ), minute AS (
                    \(unescaped: Self.rollup(table: "readings_1m", unit: "minute"))
                ), hour AS (
                    \(unescaped: Self.rollup(table: "readings_1h", unit: "hour"))
                ), latest AS (
                    INSERT INTO readings_latest AS t (point_key, time, value, quality)
                    SELECT DISTINCT ON (point_key) point_key, time, value, quality FROM inserted ORDER BY point_key, time DESC
                    ON CONFLICT (point_key) DO UPDATE SET time = excluded.time, value = excluded.value, quality = excluded.quality
                        WHERE excluded.time >= t.time
                    RETURNING 1
                )
                SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM minute), (SELECT count(*) FROM hour),
                       (SELECT count(*) FROM latest)
                """, logger: logger)
            for try await (inserted, _, _, _) in result.decode((Int64, Int64, Int64, Int64).self) { return Int(inserted) }
            return 0
        }
    }

    /// One rollup's upsert from the `inserted` rows of the same statement: merges min, max, sum,
    /// count and the newest value into the bucket (`unit` is a `date_trunc` field, a literal here;
    /// buckets are UTC, as ``ReadingRollups``' are).
    static func rollup(table: String, unit: String) -> String {
        """
        INSERT INTO \(table) AS t (point_key, bucket, min, max, sum, count, last_time, last_value)
        SELECT point_key, date_trunc('\(unit)', time, 'UTC'), min(value), max(value), sum(value), count(*), max(time),
               (array_agg(value ORDER BY time DESC))[1]
        FROM inserted GROUP BY point_key, date_trunc('\(unit)', time, 'UTC')
        \(rollupMerge)
        RETURNING 1
        """
    }

    /// How a batch's bucket merges into the stored one.
    static let rollupMerge = """
        ON CONFLICT (point_key, bucket) DO UPDATE SET
            min = least(t.min, excluded.min), max = greatest(t.max, excluded.max), sum = t.sum + excluded.sum,
            count = t.count + excluded.count, last_time = greatest(t.last_time, excluded.last_time),
            last_value = CASE WHEN excluded.last_time >= t.last_time THEN excluded.last_value ELSE t.last_value END
        """

    /// Partitions for every day from `first` through `last` (a no-op for days that have them).
    static func ensurePartitions(_ first: Date, _ last: Date, on connection: PostgresConnection, logger: Logger) async throws {
        _ = try await connection.query("""
            SELECT atrium_ensure_reading_partitions((\(first) AT TIME ZONE 'UTC')::date, (\(last) AT TIME ZONE 'UTC')::date)
            """, logger: logger)
    }

    public func series(_ query: ReadingSeriesQuery) async throws -> [ReadingSample] {
        // Bounds as integer microseconds, like the inserts (a Date would round them).
        let from = query.fromMicros, to = query.toMicros
        let limit = max(1, min(query.limit, 1_000_000))
        guard let seconds = query.interval.seconds else {
            return try await rows("""
                SELECT (extract(epoch FROM time) * 1000000)::int8, value FROM readings
                WHERE point_key = \(query.pointKey) AND time >= timestamptz 'epoch' + \(from)::int8 * interval '1 microsecond'
                  AND time < timestamptz 'epoch' + \(to)::int8 * interval '1 microsecond' ORDER BY time LIMIT \(limit)
                """) { row in
                let (t, v) = try row.decode((Int64, Double).self)
                return ReadingSample(timeMicros: t, value: v)
            }
        }
        // The coarsest rollup whose buckets divide the interval: 1h for 1h and 1d, else 1m.
        let table = seconds % 3600 == 0 ? "readings_1h" : "readings_1m"
        let expression: String = switch query.aggregate {
        case .avg: "sum(sum) / sum(count)"
        case .min: "min(min)"
        case .max: "max(max)"
        case .count: "sum(count)::float8"
        case .last: "(array_agg(last_value ORDER BY last_time DESC))[1]"
        }
        return try await rows("""
            SELECT (floor(extract(epoch FROM bucket) / \(seconds)) * \(seconds) * 1000000)::int8 AS b,
                   \(unescaped: expression) AS v, sum(count)::int8
            FROM \(unescaped: table)
            WHERE point_key = \(query.pointKey) AND bucket >= timestamptz 'epoch' + \(from)::int8 * interval '1 microsecond'
              AND bucket < timestamptz 'epoch' + \(to)::int8 * interval '1 microsecond'
            GROUP BY b ORDER BY b LIMIT \(limit)
            """) { row in
            let (t, v, n) = try row.decode((Int64, Double, Int64).self)
            return ReadingSample(timeMicros: t, value: v, count: n)
        }
    }

    public func livePoints() async throws -> [LivePoint] {
        try await rows("""
            SELECT p.key, p.id, p.name, p.site_id, p.building_id, p.floor_id, p.space_id, p.asset_id, a.kind, p.quantity,
                   ST_X(a.anchor), ST_Y(a.anchor), ST_Z(a.anchor)
            FROM points p LEFT JOIN assets a ON a.id = p.asset_id AND a.retired_in_version IS NULL
            WHERE p.retired_at IS NULL
            """) { row in
            let (key, id, name, site, building, floor, space, asset, kind, quantity, x, y, z) =
                try row.decode((Int64, UUID, String, UUID, UUID?, UUID?, UUID?, UUID?, String?, String, Double?, Double?, Double?).self)
            var position: Point3D?
            if let x, let y { position = Point3D(x: x, y: y, z: z ?? 0) }
            let unit = Quantity(rawValue: quantity)?.canonicalUnit.symbol ?? ""
            return LivePoint(key: key, id: id, name: name, siteID: site, buildingID: building, floorID: floor, spaceID: space, assetID: asset,
                             assetKind: kind, quantity: quantity, unit: unit, position: position)
        }
    }

    public func latest(pointKeys: [Int64]) async throws -> [Int64: Reading] {
        guard !pointKeys.isEmpty else { return [:] }
        let found = try await rows("""
            SELECT point_key, (extract(epoch FROM time) * 1000000)::int8, value, quality FROM readings_latest
            WHERE point_key = ANY(\(pointKeys)::int8[])
            """) { row in
            let (key, t, v, q) = try row.decode((Int64, Int64, Double, Int16).self)
            return Reading(pointKey: key, timeMicros: t, value: v, quality: Self.quality(q))
        }
        return Dictionary(found.map { ($0.pointKey, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func ensureReadingPartitions(from first: Date, through last: Date) async throws -> Int {
        try await rows("""
            SELECT atrium_ensure_reading_partitions((\(first) AT TIME ZONE 'UTC')::date, (\(last) AT TIME ZONE 'UTC')::date)
            """) { try $0.decode(Int.self) }.first ?? 0
    }

    public func dropReadingPartitions(before day: Date) async throws -> Int {
        try await rows("SELECT atrium_drop_reading_partitions((\(day) AT TIME ZONE 'UTC')::date)") { try $0.decode(Int.self) }.first ?? 0
    }

    static func qualityCode(_ quality: ReadingQuality) -> Int16 {
        switch quality {
        case .good: 0
        case .uncertain: 1
        case .bad: 2
        }
    }

    static func quality(_ code: Int16) -> ReadingQuality {
        switch code {
        case 1: .uncertain
        case 2: .bad
        default: .good
        }
    }
}

extension PostgresTwinTransaction {
    public func insertPoint(_ point: Point) async throws -> Point {
        guard let stored = try await rows(try PostGISTwinStore.insertPointQuery(point), PostGISTwinStore.point).first else {
            throw RepositoryError.failed(store: "postgresql")
        }
        return stored
    }
}

extension PostgresTwinTransaction {
    public func syncDerivedPoints(siteID: UUID, desired: [Point]) async throws -> PointSyncResult {
        let existing = try await rows("""
            SELECT \(unescaped: PostGISTwinStore.pointColumns) FROM points p
            WHERE p.site_id = \(siteID) AND p.retired_at IS NULL AND p.external_key IS NOT NULL FOR UPDATE
            """, PostGISTwinStore.point)
        let byKey = Dictionary(existing.map { ($0.externalKey!, $0) }, uniquingKeysWith: { a, _ in a })
        var result = PointSyncResult()
        var wanted = Set<String>()
        for point in desired {
            guard let key = point.externalKey else { continue }
            wanted.insert(key)
            guard let current = byKey[key] else {
                _ = try await insertPoint(point)
                result.created += 1
                continue
            }
            if current.origin == "manual" { continue }  // an operator's point wins over a derived one
            if current.assetID == point.assetID, current.sensorAssetID == point.sensorAssetID, current.spaceID == point.spaceID,
               current.floorID == point.floorID, current.buildingID == point.buildingID, current.name == point.name,
               current.quantity == point.quantity, current.unit == point.unit, current.thresholds == point.thresholds,
               current.expectedIntervalSeconds == point.expectedIntervalSeconds {
                result.unchanged += 1
                continue
            }
            let thresholds = String(decoding: try JSONEncoder().encode(point.thresholds), as: UTF8.self)
            try await run("""
                UPDATE points SET asset_id = \(point.assetID)::uuid, sensor_asset_id = \(point.sensorAssetID)::uuid,
                    space_id = \(point.spaceID)::uuid, floor_id = \(point.floorID)::uuid, building_id = \(point.buildingID)::uuid,
                    name = \(point.name), quantity = \(point.quantity.rawValue), unit = \(point.unit),
                    thresholds = \(thresholds)::jsonb, expected_interval_s = \(point.expectedIntervalSeconds)::float8,
                    revision = revision + 1, updated_at = now()
                WHERE id = \(current.id)
                """)
            result.updated += 1
        }
        let gone = existing.filter { $0.origin != "manual" && !wanted.contains($0.externalKey!) }.map(\.id)
        if !gone.isEmpty {
            try await run("UPDATE points SET retired_at = now(), revision = revision + 1, updated_at = now() WHERE id = ANY(\(gone))")
            result.retired = gone.count
        }
        return result
    }
}
