import Foundation
import Logging
import PostgresNIO
import TwinDomain
import TwinStore

/// A deterministic stand-in for the SHA-256 chain hasher (TwinServices owns the real one):
/// the store only needs 32 bytes that depend on both inputs.
struct TwinTestHasher: AuditChainHasher {
    func chainHash(previous: [UInt8], canonical: [UInt8]) -> [UInt8] {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        var out: [UInt8] = []
        for byte in previous + canonical {
            state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        for round in 0..<4 {
            state = (state ^ UInt64(round)) &* 0x0000_0100_0000_01B3
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: state >> UInt64(shift))) }
        }
        return out
    }
}

/// A migrated throw-away database and a hand-made data centre batch whose geometry is easy to check by hand:
///
///     y
///    10 +-----------HALL-----------+----------OFFICE---------+
///       |                  C1(8,8) |                         |
///       |  R1(2,2)   R2(5,2)       |   E1(12,5)   S1(15,5)   |
///     0 +--------------------------+-------------------------+ x
///       0                         10                        20
///
/// Storey F0: elevation 0, height 4. Racks are 0.6 × 1.0 × 2.0 m boxes centred on their positions.
enum TwinFixture {
    static let logger = Logger(label: "twin-store-test")

    static func withStore<T: Sendable>(_ body: @Sendable (PostGISTwinStore, PostGISDatabase) async throws -> T) async throws -> T {
        try await TestDatabase.with { database in
            let migrations = try Migration.load(from: TestDatabase.migrationsDirectory)
            try await Migrator(client: database.client, migrations: migrations, logger: logger).migrate()
            return try await body(PostGISTwinStore(database: database, hasher: TwinTestHasher()), database)
        }
    }

    static func count(_ table: String, in database: PostGISDatabase) async throws -> Int {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))
        for try await value in rows.decode(Int.self) { return value }
        return 0
    }

    static func target(version: Int, modelID: UUID? = nil, siteID: UUID? = nil) -> ImportTarget {
        ImportTarget(jobID: UUID(), modelID: modelID, siteID: siteID, versionNumber: version,
                     sourceFileName: "dc.ifc", sourceSHA256: String(repeating: "ab", count: 32), sourceSize: 1234,
                     importedBy: "tester")
    }

    static func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Footprint {
        Footprint(outer: [Point2D(x: x0, y: y0), Point2D(x: x1, y: y0), Point2D(x: x1, y: y1), Point2D(x: x0, y: y1)])
    }

    static func rackBox(_ x: Double, _ y: Double) -> Box3D {
        Box3D(min: Point3D(x: x - 0.3, y: y - 0.5, z: 0), max: Point3D(x: x + 0.3, y: y + 0.5, z: 2))
    }

    static func fingerprint(_ key: String, _ type: String, _ name: String, _ hash: String = "h1") -> EntityFingerprint {
        EntityFingerprint(matchKey: key, entityType: type, name: name, attributesHash: hash, propertySetsHash: "p1",
                          placementHash: "pl1", geometryHash: "g1")
    }

    /// Version 1 of the sample centre; `project` distinguishes independent models/sites.
    static func batch(project: String = "PROJ-1", siteName: String = "Campus") -> ImportBatch {
        let assets: [AssetDraft] = [
            AssetDraft(key: "R1", kind: .rack, name: "Rack 01", spaceKey: "HALL", position: Point3D(x: 2, y: 2, z: 0),
                       box: rackBox(2, 2), rack: RackCapacity(uHeight: 42, powerBudgetW: 8000),
                       source: SourceReference(ifcGlobalID: "R1", sourceType: "IfcFurniture")),
            AssetDraft(key: "R2", kind: .rack, name: "Rack 02", spaceKey: "HALL", position: Point3D(x: 5, y: 2, z: 0),
                       box: rackBox(5, 2), rack: RackCapacity(uHeight: 42)),
            AssetDraft(key: "D1", kind: .device, name: "Server 01", serialNumber: "SN-0001", typeKey: "T-SRV",
                       parentKey: "R1", mounting: RackMounting(uPosition: 1, uHeight: 2), powerDrawW: 350,
                       properties: ["Owner": .string("ops"), "Ports": .int(4)]),
            AssetDraft(key: "D2", kind: .device, name: "Switch 01", parentKey: "R1",
                       mounting: RackMounting(uPosition: 3, uHeight: 1)),
            AssetDraft(key: "D3", kind: .device, name: "Storage 01", tag: "TAG-D3", serialNumber: "SN-ABC-123",
                       typeKey: "T-SRV", parentKey: "R2", mounting: RackMounting(uPosition: 10, uHeight: 4),
                       installedOn: Date(timeIntervalSince1970: 1_700_000_000), systemKeys: ["SYS-A"]),
            AssetDraft(key: "C1", kind: .coolingUnit, name: "CRAC 01", spaceKey: "HALL", position: Point3D(x: 8, y: 8, z: 0),
                       box: Box3D(min: Point3D(x: 7.5, y: 7.5, z: 0), max: Point3D(x: 8.5, y: 8.5, z: 2)),
                       ratedCapacityW: 30000),
            AssetDraft(key: "S1", kind: .sensor, name: "Temp 01", spaceKey: "OFFICE", position: Point3D(x: 15, y: 5, z: 2.5)),
            AssetDraft(key: "E1", kind: .equipment, name: "Fire panel", buildingKey: "B1", position: Point3D(x: 12, y: 5, z: 1)),
        ]
        var fingerprints = [
            fingerprint("B1", "IfcBuilding", "Main"), fingerprint("F0", "IfcBuildingStorey", "Ground"),
            fingerprint("HALL", "IfcSpace", "Hall"), fingerprint("OFFICE", "IfcSpace", "Office"),
        ]
        fingerprints += assets.map { fingerprint($0.key, "IfcElement", $0.name) }
        return ImportBatch(
            format: .ifcSTEP, schema: "IFC4", projectKey: project, projectName: "Data centre \(project)",
            site: SiteDraft(key: "SITE-\(project)", name: siteName,
                            location: GeoLocation(latitude: 51.5, longitude: -0.12, elevation: 12)),
            buildings: [BuildingDraft(key: "B1", name: "Main", elevation: 0)],
            floors: [FloorDraft(key: "F0", buildingKey: "B1", name: "Ground", elevation: 0, height: 4,
                                footprint: square(0, 0, 20, 10))],
            spaces: [
                SpaceDraft(key: "HALL", floorKey: "F0", name: "Hall", longName: "Data hall", area: 100, height: 4,
                           footprint: square(0, 0, 10, 10),
                           box: Box3D(min: Point3D(x: 0, y: 0, z: 0), max: Point3D(x: 10, y: 10, z: 4))),
                SpaceDraft(key: "OFFICE", floorKey: "F0", name: "Office", footprint: square(10, 0, 20, 10)),
            ],
            zones: [ZoneDraft(key: "Z1", buildingKey: "B1", name: "Hot aisle", spaceKeys: ["HALL"])],
            systems: [SystemDraft(key: "SYS-A", buildingKey: "B1", name: "Power A", assetKeys: ["R1", "D1"])],
            types: [AssetTypeDraft(key: "T-SRV", name: "Server 1U", kind: .device, manufacturer: "Acme")],
            assets: assets, fingerprints: fingerprints, sourceCounts: ["IfcFurniture": 2])
    }

    /// Commits `batch` in its own transaction.
    static func commit(_ store: PostGISTwinStore, _ batch: ImportBatch, _ target: ImportTarget) async throws -> ImportCommitResult {
        try await store.withTransaction { tx in try await tx.commitImport(batch, target: target) }
    }

    /// The id stored for a match key (tests name rows by their batch keys).
    static func id(_ key: String, table: String = "assets", in database: PostGISDatabase) async throws -> UUID {
        let rows = try await database.client.query(PostgresQuery(
            unsafeSQL: "SELECT id FROM \(table) WHERE match_key = $1", binds: { var b = PostgresBindings(); b.append(key); return b }()))
        for try await id in rows.decode(UUID.self) { return id }
        throw TwinFixtureError.missing(key)
    }
}

enum TwinFixtureError: Error { case missing(String) }
