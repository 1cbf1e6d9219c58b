import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import TwinDomain
import TwinServices
import TwinStore
@testable import TwinAPI

/// `SecurityHarness` plus the twin: a real PostGIS twin store with one hand-made data hall
/// committed into site A and a small room into site B, and the application built over both.
///
/// Site A, building "DC-A", floor L1 (z 0…4, footprint 0…20 × 0…10 m):
///   Hall 1 = 0…10 × 0…10, Hall 2 = 10…20 × 0…10.
///   R1 rack 42U at (2,2,0) box (1.7,1.5,0)–(2.3,2.5,2), in Hall 1; D1 device U1–U2 in R1.
///   R2 rack 42U at (12,2,0) in Hall 2; S1 sensor at (5,5,1.5) in Hall 1; C1 cooling unit at (18,8,0) in Hall 2.
/// Site B, building "DC-B": floor, one room, rack RB.
struct TwinHarness: Sendable {
    let security: SecurityHarness
    let store: PostGISTwinStore
    let dependencies: APIDependencies
    let siteA: ImportCommitResult
    let siteB: ImportCommitResult

    /// `imports`: also serve `/v1/imports` with these settings (a queue no worker drains, so jobs stay queued).
    /// `assetCache`: serve single assets through this read cache (as `atrium serve` does).
    static func with<T: Sendable>(imports: ImportSettings? = nil, assetCache: AssetReadCache? = nil,
                                  _ body: @Sendable (TwinHarness) async throws -> T) async throws -> T {
        try await SecurityHarness.with { security in
            var logger = Logger(label: "twin-test")
            logger.logLevel = .warning
            let store = PostGISTwinStore(database: security.database, hasher: SHA256AuditChainHasher())
            let a = try await store.withTransaction { tx in
                try await tx.commitImport(Self.hallBatch(), target: Self.target(site: security.siteA, name: "a.ifc"))
            }
            let b = try await store.withTransaction { tx in
                try await tx.commitImport(Self.roomBatch(), target: Self.target(site: security.siteB, name: "b.ifc"))
            }
            let importService = imports.map { ImportService(twin: store, jobs: store, queue: ImportQueue(), settings: $0, logger: logger) }
            let twin = TwinAPIServices(query: TwinQueryService(repository: store, documents: nil, assetCache: assetCache),
                                       assets: AssetService(repository: store, assetCache: assetCache, logger: logger),
                                       imports: importService,
                                       uploadDirectory: imports?.stagingDirectory.appendingPathComponent("incoming"))
            let dependencies = APIDependencies(probes: [], services: [], security: security.services, twin: twin)
            return try await body(TwinHarness(security: security, store: store, dependencies: dependencies, siteA: a, siteB: b))
        }
    }

    static func target(site: UUID, name: String) -> ImportTarget {
        ImportTarget(jobID: UUID(), modelID: nil, siteID: site, versionNumber: 1, sourceFileName: name,
                     sourceSHA256: String(repeating: "0", count: 64), sourceSize: 1, importedBy: "test")
    }

    static func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Footprint {
        Footprint(outer: [Point2D(x: x0, y: y0), Point2D(x: x1, y: y0), Point2D(x: x1, y: y1), Point2D(x: x0, y: y1)])
    }

    static func ref(_ key: String, _ type: String) -> SourceReference { SourceReference(ifcGlobalID: key, sourceType: type) }

    static func hallBatch() -> ImportBatch {
        ImportBatch(
            format: .ifcSTEP, schema: "IFC4", projectKey: "proj-A-\(UUID().uuidString.prefix(8))", projectName: "Hall",
            site: SiteDraft(key: "siteA", name: "Site A", source: ref("siteA", "IfcSite")),
            buildings: [BuildingDraft(key: "bA", name: "DC-A", elevation: 0, box: Box3D(min: Point3D(x: 0, y: 0, z: 0), max: Point3D(x: 20, y: 10, z: 4)),
                                      source: ref("bA", "IfcBuilding"))],
            floors: [FloorDraft(key: "fA", buildingKey: "bA", name: "L1", elevation: 0, height: 4, footprint: square(0, 0, 20, 10),
                                box: Box3D(min: Point3D(x: 0, y: 0, z: 0), max: Point3D(x: 20, y: 10, z: 4)), source: ref("fA", "IfcBuildingStorey"))],
            spaces: [
                SpaceDraft(key: "h1", floorKey: "fA", name: "Hall 1", area: 100, height: 4, footprint: square(0, 0, 10, 10),
                           box: Box3D(min: Point3D(x: 0, y: 0, z: 0), max: Point3D(x: 10, y: 10, z: 4)), source: ref("h1", "IfcSpace")),
                SpaceDraft(key: "h2", floorKey: "fA", name: "Hall 2", area: 100, height: 4, footprint: square(10, 0, 20, 10),
                           box: Box3D(min: Point3D(x: 10, y: 0, z: 0), max: Point3D(x: 20, y: 10, z: 4)), source: ref("h2", "IfcSpace")),
            ],
            zones: [ZoneDraft(key: "zA", buildingKey: "bA", name: "Cold aisle", spaceKeys: ["h1"], source: ref("zA", "IfcZone"))],
            systems: [SystemDraft(key: "sysA", buildingKey: "bA", name: "Power A", assetKeys: ["R1"], source: ref("sysA", "IfcSystem"))],
            types: [AssetTypeDraft(key: "tRack", name: "Rack 42U", kind: .rack, manufacturer: "ACME", source: ref("tRack", "IfcFurnitureType"))],
            assets: [
                AssetDraft(key: "R1", kind: .rack, name: "R1", tag: "RACK-001", typeKey: "tRack", buildingKey: "bA", floorKey: "fA",
                           spaceKey: "h1", position: Point3D(x: 2, y: 2, z: 0),
                           box: Box3D(min: Point3D(x: 1.7, y: 1.5, z: 0), max: Point3D(x: 2.3, y: 2.5, z: 2)),
                           rack: RackCapacity(uHeight: 42, powerBudgetW: 8000), source: ref("R1", "IfcFurniture")),
                AssetDraft(key: "D1", kind: .device, name: "D1 server", tag: "SRV-001", parentKey: "R1", buildingKey: "bA",
                           floorKey: "fA", spaceKey: "h1", position: Point3D(x: 2, y: 2, z: 0.1),
                           box: Box3D(min: Point3D(x: 1.75, y: 1.55, z: 0.05), max: Point3D(x: 2.25, y: 2.45, z: 0.14)),
                           mounting: RackMounting(uPosition: 1, uHeight: 2), powerDrawW: 400, source: ref("D1", "IfcCommunicationsAppliance")),
                AssetDraft(key: "R2", kind: .rack, name: "R2", tag: "RACK-002", typeKey: "tRack", buildingKey: "bA", floorKey: "fA",
                           spaceKey: "h2", position: Point3D(x: 12, y: 2, z: 0),
                           box: Box3D(min: Point3D(x: 11.7, y: 1.5, z: 0), max: Point3D(x: 12.3, y: 2.5, z: 2)),
                           rack: RackCapacity(uHeight: 42), source: ref("R2", "IfcFurniture")),
                AssetDraft(key: "S1", kind: .sensor, name: "S1 temperature", buildingKey: "bA", floorKey: "fA", spaceKey: "h1",
                           position: Point3D(x: 5, y: 5, z: 1.5),
                           box: Box3D(min: Point3D(x: 4.95, y: 4.95, z: 1.45), max: Point3D(x: 5.05, y: 5.05, z: 1.55)),
                           source: ref("S1", "IfcSensor")),
                AssetDraft(key: "C1", kind: .coolingUnit, name: "C1 CRAC", buildingKey: "bA", floorKey: "fA", spaceKey: "h2",
                           position: Point3D(x: 18, y: 8, z: 0),
                           box: Box3D(min: Point3D(x: 17.5, y: 7.5, z: 0), max: Point3D(x: 18.5, y: 8.5, z: 2)),
                           ratedCapacityW: 30000, source: ref("C1", "IfcUnitaryEquipment")),
            ])
    }

    static func roomBatch() -> ImportBatch {
        ImportBatch(
            format: .ifcSTEP, schema: "IFC4", projectKey: "proj-B-\(UUID().uuidString.prefix(8))", projectName: "Room",
            site: SiteDraft(key: "siteB", name: "Site B", source: ref("siteB", "IfcSite")),
            buildings: [BuildingDraft(key: "bB", name: "DC-B", source: ref("bB", "IfcBuilding"))],
            floors: [FloorDraft(key: "fB", buildingKey: "bB", name: "L1", elevation: 0, height: 3, footprint: square(0, 0, 5, 5),
                                source: ref("fB", "IfcBuildingStorey"))],
            spaces: [SpaceDraft(key: "rB", floorKey: "fB", name: "Room B", footprint: square(0, 0, 5, 5), source: ref("rB", "IfcSpace"))],
            zones: [ZoneDraft(key: "zB", buildingKey: "bB", name: "Zone B", spaceKeys: ["rB"], source: ref("zB", "IfcZone"))],
            systems: [SystemDraft(key: "sysB", buildingKey: "bB", name: "Power B", assetKeys: ["RB"], source: ref("sysB", "IfcSystem"))],
            types: [AssetTypeDraft(key: "tB", name: "Rack B", kind: .rack, source: ref("tB", "IfcFurnitureType"))],
            assets: [AssetDraft(key: "RB", kind: .rack, name: "RB", typeKey: "tB", buildingKey: "bB", floorKey: "fB", spaceKey: "rB",
                                position: Point3D(x: 1, y: 1, z: 0),
                                box: Box3D(min: Point3D(x: 0.7, y: 0.5, z: 0), max: Point3D(x: 1.3, y: 1.5, z: 2)),
                                rack: RackCapacity(uHeight: 42), source: ref("RB", "IfcFurniture"))])
    }

    var application: some ApplicationProtocol {
        get throws { Application(router: try buildValidatedRouter(dependencies: dependencies).router) }
    }

    /// Ids by source key, read back through the store (so tests use the ids the API shows).
    func assetIDs(site: ImportCommitResult) async throws -> [String: Asset] {
        let page = try await store.assets(AssetQuery(siteID: site.model.siteID, page: PageRequest(limit: 1000)), scope: .everything)
        return Dictionary(page.items.map { ($0.source.matchKey ?? $0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }
}

extension ByteBuffer {
    var jsonArrayItems: [[String: Any]] { (jsonObject?["items"] as? [[String: Any]]) ?? [] }
}
