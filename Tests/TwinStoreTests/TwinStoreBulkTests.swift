import Foundation
import Testing
import TwinDomain
@testable import TwinStore

/// Set-based commits at volume. The size defaults to a few thousand assets so the suite stays
/// quick; `ATRIUM_TWIN_BULK_ASSETS=100000` measures the 100k case (timings are printed, never asserted).
///
/// Measured 2026-11-23 on the shared 2-core dev box (load average 4–10), 99,981 assets (4,761 racks
/// of 20 devices): release build 13.8–14.9 s first commit, 5.3–5.9 s re-commit with 9,522 changed;
/// debug build 57 s / 52 s (unspecialised generic encoding dominates there).
@Suite("Twin store: bulk import commits", .enabled(if: TestDatabase.available, "\(TestDatabase.skipMessage)"))
struct TwinStoreBulkTests {
    static var assetCount: Int {
        ProcessInfo.processInfo.environment["ATRIUM_TWIN_BULK_ASSETS"].flatMap(Int.init) ?? 4200
    }

    /// Racks of 42U each holding 20 two-unit devices: 21 assets per rack.
    static func batch(assets: Int, renamedEvery: Int? = nil) -> ImportBatch {
        let racks = max(1, assets / 21)
        var drafts: [AssetDraft] = []
        drafts.reserveCapacity(racks * 21)
        for r in 0..<racks {
            let x = Double(r % 100) * 1.2, y = Double(r / 100) * 3
            drafts.append(AssetDraft(key: "R\(r)", kind: .rack, name: "Rack \(r)", spaceKey: "HALL",
                                     position: Point3D(x: x, y: y, z: 0),
                                     box: Box3D(min: Point3D(x: x - 0.3, y: y - 0.5, z: 0), max: Point3D(x: x + 0.3, y: y + 0.5, z: 2)),
                                     rack: RackCapacity(uHeight: 42, powerBudgetW: 10000)))
            for d in 0..<20 {
                let index = r * 20 + d
                let renamed = renamedEvery.map { index % $0 == 0 } ?? false
                drafts.append(AssetDraft(key: "D\(index)", kind: .device, name: renamed ? "Device \(index)b" : "Device \(index)",
                                         serialNumber: "SN\(index)", parentKey: "R\(r)",
                                         position: Point3D(x: x, y: y, z: 0.0445 * Double(2 * d)),
                                         mounting: RackMounting(uPosition: 1 + 2 * d, uHeight: 2), powerDrawW: 250,
                                         properties: ["Slot": .int(Int64(d))]))
            }
        }
        let fingerprints = drafts.map { draft in
            EntityFingerprint(matchKey: draft.key, entityType: draft.kind == .rack ? "IfcFurniture" : "IfcElectricAppliance",
                              name: draft.name, attributesHash: draft.name, placementHash: "p")
        }
        return ImportBatch(
            format: .ifcSTEP, schema: "IFC4", projectKey: "BULK", site: SiteDraft(key: "S", name: "Bulk site"),
            buildings: [BuildingDraft(key: "B", name: "Hall building")],
            floors: [FloorDraft(key: "F", buildingKey: "B", name: "Ground", elevation: 0, height: 5)],
            spaces: [SpaceDraft(key: "HALL", floorKey: "F", name: "Hall", footprint: TwinFixture.square(-1, -1, 130, 400))],
            assets: drafts, fingerprints: fingerprints)
    }

    @Test(.timeLimit(.minutes(10)))
    func commitsAndRecommitsManyAssets() async throws {
        let count = Self.assetCount
        try await TwinFixture.withStore { store, database in
            let first = Self.batch(assets: count)
            let clock = ContinuousClock()
            let start = clock.now
            let one = try await TwinFixture.commit(store, first, TwinFixture.target(version: 1))
            let firstTime = clock.now - start
            #expect(one.inserted == first.assets.count + 3)
            #expect(try await TwinFixture.count("assets", in: database) == first.assets.count)

            let second = Self.batch(assets: count, renamedEvery: 10)
            let again = clock.now
            let two = try await TwinFixture.commit(store, second, TwinFixture.target(version: 2, modelID: one.model.id))
            let secondTime = clock.now - again
            let renamed = second.assets.filter { $0.name.hasSuffix("b") }.count
            #expect(two.inserted == 0 && two.updated == renamed && two.retired == 0)
            #expect(two.diff?.changed.count == renamed)
            print("twin bulk commit: \(first.assets.count) assets first commit \(firstTime), re-commit with \(renamed) changed \(secondTime)")
        }
    }
}
