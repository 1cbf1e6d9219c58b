import Foundation
import PostgresNIO
import TelemetryCore
import Testing
import TwinDomain
@testable import TwinStore

@Suite("Telemetry store: points, partitioned readings, rollups, latest",
       .enabled(if: TestDatabase.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct TelemetryStoreTests {
    static func site(_ database: PostGISDatabase) async throws -> UUID {
        let id = UUID()
        try await database.client.query("INSERT INTO sites (id, name) VALUES (\(id), 'T')")
        return id
    }

    /// Points are written only in a transaction (where the change path audits them).
    static func insert(_ store: PostGISTwinStore, _ point: Point) async throws -> Point {
        try await store.withTransaction { try await $0.insertPoint(point) }
    }

    @Test func readingsAreIdempotentAndKeepRollupsAndLatest() async throws {
        try await TwinFixture.withStore { store, database in
            let site = try await Self.site(database)
            let point = try await Self.insert(store, Point(siteID: site, externalKey: "rack-1/inlet", name: "R1 inlet", quantity: .temperature))
            #expect(point.key > 0)
            #expect(point.unit == Quantity.temperature.canonicalUnit.symbol)
            // Three days ago (a partition made on demand), two minutes of data, one value per 10 s.
            let base = (Int64(Date().timeIntervalSince1970) / 86_400 - 3) * 86_400 * 1_000_000 + 3_600_000_000
            let readings = (0..<12).map { Reading(pointKey: point.key, timeMicros: base + Int64($0) * 10_000_000, value: Double(20 + $0)) }
            #expect(try await store.insertReadings(readings) == 12)
            #expect(try await store.insertReadings(readings) == 0, "a replayed batch adds nothing")
            // Duplicates inside one batch count once.
            let late = Reading(pointKey: point.key, timeMicros: base + 130_000_000, value: 40)
            #expect(try await store.insertReadings([late, late]) == 1)

            let raw = try await store.series(ReadingSeriesQuery(pointKey: point.key, fromMicros: base, toMicros: base + 200_000_000))
            #expect(raw.count == 13)
            let minutes = try await store.series(ReadingSeriesQuery(pointKey: point.key, fromMicros: base, toMicros: base + 600_000_000,
                                                                    interval: .oneMinute, aggregate: .avg))
            #expect(minutes.map(\.count) == [6, 6, 1])
            #expect(minutes.first?.value == 22.5)
            let hourMax = try await store.series(ReadingSeriesQuery(pointKey: point.key, fromMicros: base - 3_600_000_000,
                                                                    toMicros: base + 3_600_000_000, interval: .oneHour, aggregate: .max))
            #expect(hourMax.map(\.value) == [40])
            let last = try await store.series(ReadingSeriesQuery(pointKey: point.key, fromMicros: base, toMicros: base + 3_600_000_000,
                                                                 interval: .oneHour, aggregate: .last))
            #expect(last.first?.value == 40)
            let latest = try await store.latest(pointKeys: [point.key, 999_999])
            #expect(latest[point.key]?.value == 40 && latest[999_999] == nil)
            // An older reading arriving late does not replace the latest value.
            #expect(try await store.insertReadings([Reading(pointKey: point.key, timeMicros: base - 1_000_000, value: -5)]) == 1)
            #expect(try await store.latest(pointKeys: [point.key])[point.key]?.value == 40)
        }
    }

    /// The COPY path (every reading new) and the idempotent bind path store the same rows, rollups
    /// and latest values for the same readings: out of order, across an hour, awkward values.
    @Test func copyAndBindPathsAgree() async throws {
        try await TwinFixture.withStore { store, database in
            let site = try await Self.site(database)
            let copied = try await Self.insert(store, Point(siteID: site, externalKey: "copy", name: "copy", quantity: .power))
            let bound = try await Self.insert(store, Point(siteID: site, externalKey: "bind", name: "bind", quantity: .power))
            let base = (Int64(Date().timeIntervalSince1970) / 3_600 - 30) * 3_600 * 1_000_000 - 90_000_000
            let values: [Double] = [0.1, -273.15, 1e-300, 123_456_789.123_456_7, 0, 5e9, 2.5, 1.0 / 3.0, 7, -1e-7]
            var offsets: [Int64] = (0..<40).map { Int64($0) * 7_000_001 }
            offsets.shuffle()
            func batch(_ key: Int64) -> [Reading] {
                offsets.enumerated().map { index, offset in
                    Reading(pointKey: key, timeMicros: base + offset, value: values[index % values.count],
                            quality: index % 7 == 0 ? .uncertain : .good)
                }
            }
            #expect(try await store.copyReadings(batch(copied.key)) == 40)
            #expect(try await store.upsertReadings(batch(bound.key)) == 40)
            func rows(_ sql: String, _ key: Int64) async throws -> [String] {
                var out: [String] = []
                let query = PostgresQuery(unsafeSQL: sql.replacingOccurrences(of: "$KEY", with: String(key)))
                for try await (text,) in try await database.client.query(query).decode((String,).self) { out.append(text) }
                return out
            }
            for sql in ["SELECT time::text || ' ' || value::text || ' ' || quality FROM readings WHERE point_key = $KEY ORDER BY time",
                        "SELECT bucket::text || ' ' || min || ' ' || max || ' ' || count || ' ' || last_time::text || ' ' || last_value FROM readings_1m WHERE point_key = $KEY ORDER BY bucket",
                        "SELECT bucket::text || ' ' || min || ' ' || max || ' ' || count || ' ' || last_time::text || ' ' || last_value FROM readings_1h WHERE point_key = $KEY ORDER BY bucket",
                        "SELECT time::text || ' ' || value || ' ' || quality FROM readings_latest WHERE point_key = $KEY"] {
                let viaCopy = try await rows(sql, copied.key)
                #expect(!viaCopy.isEmpty)
                #expect(viaCopy == (try await rows(sql, bound.key)), "\(sql)")
            }
            // Sums are added in a different order by Swift and by PostgreSQL: equal to rounding.
            for table in ["readings_1m", "readings_1h"] {
                let sql = "SELECT sum::text FROM \(table) WHERE point_key = $KEY ORDER BY bucket"
                let a = try await rows(sql, copied.key).compactMap(Double.init), b = try await rows(sql, bound.key).compactMap(Double.init)
                #expect(a.count == b.count && !a.isEmpty)
                #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0)) }, "\(table): \(a) vs \(b)")
            }
            // A batch holding one stored reading is refused whole by COPY and then kept idempotently.
            let again = batch(copied.key).prefix(1) + [Reading(pointKey: copied.key, timeMicros: base - 1, value: 1)]
            await #expect(throws: RepositoryError.self) { try await store.copyReadings(Array(again)) }
            #expect(try await store.insertReadings(Array(again)) == 1)
        }
    }

    /// Readings one microsecond apart today are all distinct: times travel as integers, not as a
    /// Date whose Double rounded …002 µs down onto …001 (measured: a fifth of such readings lost).
    @Test func everyMicrosecondIsKept() async throws {
        try await TwinFixture.withStore { store, database in
            let site = try await Self.site(database)
            let point = try await Self.insert(store, Point(siteID: site, externalKey: "us", name: "µs", quantity: .power))
            let base = (Int64(Date().timeIntervalSince1970) - 600) * 1_000_000
            let readings = (0..<1000).map { Reading(pointKey: point.key, timeMicros: base + Int64($0), value: Double($0)) }
            #expect(try await store.insertReadings(readings) == 1000)
            let raw = try await store.series(ReadingSeriesQuery(pointKey: point.key, fromMicros: base, toMicros: base + 1000))
            #expect(raw.map(\.timeMicros) == readings.map(\.timeMicros))
        }
    }

    @Test func pointsAreScopedFilteredAndUniquePerExternalKey() async throws {
        try await TwinFixture.withStore { store, database in
            let a = try await Self.site(database), b = try await Self.site(database)
            let asset = UUID()
            _ = try await Self.insert(store, Point(siteID: a, assetID: asset, externalKey: "k1", name: "A power", quantity: .power))
            _ = try await Self.insert(store, Point(siteID: a, externalKey: "k2", name: "A temp", quantity: .temperature))
            _ = try await Self.insert(store, Point(siteID: b, externalKey: "k1", name: "B power", quantity: .power))
            await #expect(throws: RepositoryError.self) {
                _ = try await Self.insert(store, Point(siteID: a, externalKey: "k1", name: "dup", quantity: .power))
            }
            let inA = try await store.points(PointQuery(), scope: AccessScope(siteIDs: [a]))
            #expect(inA.items.map(\.name) == ["A power", "A temp"])
            #expect(try await store.points(PointQuery(assetID: asset), scope: .everything).items.map(\.name) == ["A power"])
            #expect(try await store.points(PointQuery(quantity: .power), scope: .everything).items.count == 2)
            let paged = try await store.points(PointQuery(page: PageRequest(limit: 1)), scope: .everything)
            #expect(paged.items.count == 1 && paged.nextCursor != nil)
            #expect(try await store.activePoints(siteIDs: [b]).map(\.name) == ["B power"])
        }
    }

    @Test func retentionDropsWholeDays() async throws {
        try await TwinFixture.withStore { _, database in
            _ = try await database.client.query("SELECT atrium_ensure_reading_partitions('2020-01-01', '2020-01-03')")
            #expect(try await TwinFixture.count("pg_class WHERE relname = 'readings_p20200102'", in: database) == 1)
            _ = try await database.client.query("SELECT atrium_drop_reading_partitions('2020-01-03')")
            #expect(try await TwinFixture.count("pg_class WHERE relname ~ '^readings.*_p2020010[12]$'", in: database) == 0)
            #expect(try await TwinFixture.count("pg_class WHERE relname = 'readings_1h_p20200103'", in: database) == 1)
        }
    }
}
