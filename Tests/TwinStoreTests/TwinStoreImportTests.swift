import Foundation
import PostgresNIO
import Testing
import TwinDomain
@testable import TwinStore

@Suite("Twin store: import commits against real PostGIS", .enabled(if: TestDatabase.available, "\(TestDatabase.skipMessage)"))
struct TwinStoreImportTests {
    @Test func commitsAHandMadeBatchAndReadsItBack() async throws {
        try await TwinFixture.withStore { store, database in
            let batch = TwinFixture.batch()
            let result = try await TwinFixture.commit(store, batch, TwinFixture.target(version: 1))
            // 1 building + 1 floor + 2 spaces + 1 zone + 1 type + 8 assets + 1 system.
            #expect(result.inserted == 15)
            #expect(result.updated == 0 && result.retired == 0)
            #expect(result.diff == nil)
            #expect(result.model.activeVersion == 1)
            #expect(result.version.counts["assets"] == 8 && result.version.counts["IfcFurniture"] == 2)
            #expect(result.buildingIDs.count == 1)

            let site = try #require(await store.site(id: result.model.siteID, scope: .everything))
            #expect(site.name == "Campus")
            #expect(site.location == GeoLocation(latitude: 51.5, longitude: -0.12, elevation: 12))

            let r1 = try await TwinFixture.id("R1", in: database)
            let rack = try #require(await store.asset(id: r1, scope: .everything))
            #expect(rack.kind == .rack && rack.rack?.uHeight == 42 && rack.rack?.powerBudgetW == 8000)
            #expect(rack.box == TwinFixture.rackBox(2, 2))
            #expect(rack.position == Point3D(x: 2, y: 2, z: 0))
            #expect(rack.source.ifcGlobalID == "R1" && rack.modelID == result.model.id)
            #expect(rack.revision == 1)

            let d1 = try #require(await store.asset(id: TwinFixture.id("D1", in: database), scope: .everything))
            #expect(d1.parentID == r1 && d1.mounting == RackMounting(uPosition: 1, uHeight: 2))
            #expect(d1.properties == ["Owner": .string("ops"), "Ports": .int(4)])
            #expect(d1.typeID == (try await TwinFixture.id("T-SRV", table: "asset_types", in: database)))
            // A device placed only by its rack takes the rack's building, floor and space.
            #expect(d1.spaceID == rack.spaceID && d1.buildingID == rack.buildingID && d1.spaceID != nil)

            let d3 = try #require(await store.asset(id: TwinFixture.id("D3", in: database), scope: .everything))
            let system = try await TwinFixture.id("SYS-A", table: "systems", in: database)
            #expect(d3.systemIDs == [system])
            #expect(d3.installedOn == Date(timeIntervalSince1970: 1_700_000_000))
            let power = try #require(await store.system(id: system, scope: .everything))
            #expect(Set(power.assetIDs) == Set([r1, d1.id, d3.id]))

            let hall = try #require(await store.space(id: TwinFixture.id("HALL", table: "spaces", in: database), scope: .everything))
            #expect(hall.footprint == TwinFixture.square(0, 0, 10, 10))
            #expect(hall.zoneIDs == [try await TwinFixture.id("Z1", table: "zones", in: database)])

            let tree = try #require(await store.tree(buildingID: result.buildingIDs[0], scope: .everything))
            #expect(tree.floors.count == 1)
            let hallNode = try #require(tree.floors[0].spaces.first { $0.space.name == "Hall" })
            let rackNode = try #require(hallNode.assets.first { $0.asset.id == r1 })
            #expect(Set(rackNode.children.map(\.asset.name)) == ["Server 01", "Switch 01"])
            #expect(Set(hallNode.assets.map(\.asset.name)) == ["Rack 01", "Rack 02", "CRAC 01"])
            #expect(tree.assets.map(\.asset.name) == ["Fire panel"])

            let versions = try await store.versions(modelID: result.model.id, scope: .everything)
            #expect(versions.map(\.number) == [1])
            #expect(try await TwinFixture.count("model_version_entities", in: database) == 12)
        }
    }

    @Test func recommitKeepsIDsRetiresMissingRowsAndDiffs() async throws {
        try await TwinFixture.withStore { store, database in
            let first = try await TwinFixture.commit(store, TwinFixture.batch(), TwinFixture.target(version: 1))
            let ids = try await (TwinFixture.id("R1", in: database), TwinFixture.id("D1", in: database),
                                 TwinFixture.id("D2", in: database), TwinFixture.id("C1", in: database))

            var second = TwinFixture.batch()
            second.assets.removeAll { $0.key == "D2" }
            second.fingerprints.removeAll { $0.matchKey == "D2" }
            let d1 = second.assets.firstIndex { $0.key == "D1" }!
            second.assets[d1].name = "Server 01 (renamed)"
            second.assets[d1].mounting = RackMounting(uPosition: 3, uHeight: 2)  // moves into D2's old unit
            let fp = second.fingerprints.firstIndex { $0.matchKey == "D1" }!
            second.fingerprints[fp].name = "Server 01 (renamed)"
            second.fingerprints[fp].placementHash = "pl2"
            second.assets.append(AssetDraft(key: "D4", kind: .device, name: "Server 04", parentKey: "R2",
                                            mounting: RackMounting(uPosition: 1, uHeight: 1)))
            second.fingerprints.append(TwinFixture.fingerprint("D4", "IfcElement", "Server 04"))

            let result = try await TwinFixture.commit(store, second,
                                                      TwinFixture.target(version: 2, modelID: first.model.id))
            #expect(result.model.id == first.model.id && result.model.activeVersion == 2)
            #expect(result.inserted == 1 && result.updated == 1 && result.retired == 1)
            #expect(try await TwinFixture.id("R1", in: database) == ids.0)
            #expect(try await TwinFixture.id("D1", in: database) == ids.1)

            let renamed = try #require(await store.asset(id: ids.1, scope: .everything))
            #expect(renamed.name == "Server 01 (renamed)" && renamed.revision == 2)
            let untouched = try #require(await store.asset(id: ids.3, scope: .everything))
            #expect(untouched.revision == 1)
            let retired = try #require(await store.asset(id: ids.2, scope: .everything))
            #expect(retired.retiredInVersion == 2)
            let live = try await store.assets(AssetQuery(parentID: ids.0), scope: .everything)
            #expect(live.items.map(\.id) == [ids.1])
            let all = try await store.assets(AssetQuery(parentID: ids.0, includeRetired: true), scope: .everything)
            #expect(Set(all.items.map(\.id)) == [ids.1, ids.2])

            let diff = try #require(result.diff)
            #expect(diff.added.map(\.matchKey) == ["D4"])
            #expect(diff.removed.map(\.matchKey) == ["D2"])
            #expect(diff.changed == [DiffEntry(matchKey: "D1", entityType: "IfcElement", name: "Server 01 (renamed)",
                                               aspects: [.attributes, .placement])])
            #expect(result.version.diffSummary == ["added": 1, "removed": 1, "changed": 1])
            let stored = try await store.diff(modelID: first.model.id, from: 1, to: 2, scope: .everything)
            #expect(stored == diff)
            #expect(try await store.diff(modelID: first.model.id, from: 1, to: 9, scope: .everything) == nil)

            // Same content again: nothing changes, nothing is bumped.
            let third = try await TwinFixture.commit(store, second, TwinFixture.target(version: 3, modelID: first.model.id))
            #expect(third.inserted == 0 && third.updated == 0 && third.retired == 0)
            #expect(third.diff?.summary == ["added": 0, "removed": 0, "changed": 0])
            #expect(try await store.asset(id: ids.1, scope: .everything)?.revision == 2)

            // D2 comes back at a free unit: same id, revived.
            var fourth = second
            fourth.assets.append(AssetDraft(key: "D2", kind: .device, name: "Switch 01", parentKey: "R1",
                                            mounting: RackMounting(uPosition: 10, uHeight: 1)))
            let revived = try await TwinFixture.commit(store, fourth, TwinFixture.target(version: 4, modelID: first.model.id))
            #expect(revived.updated == 1 && revived.inserted == 0)
            let back = try #require(await store.asset(id: ids.2, scope: .everything))
            #expect(back.retiredInVersion == nil && back.mounting?.uPosition == 10)

            // A version number that is not new is refused.
            await #expect(throws: RepositoryError.conflict(rule: "version.exists")) {
                try await TwinFixture.commit(store, fourth, TwinFixture.target(version: 4, modelID: first.model.id))
            }
        }
    }

    /// A job a recovery sweep failed while its process stalled must not commit afterwards (the
    /// sweep deleted its documents); a running job commits.
    @Test func aSettledJobCannotCommit() async throws {
        try await TwinFixture.withStore { store, database in
            var settled = TwinFixture.target(version: 1)
            try await store.insertJob(ImportJob(id: settled.jobID, status: .failed, fileName: "dc.ifc", sizeBytes: 1,
                                                errorCode: "import.interrupted"))
            await #expect(throws: RepositoryError.conflict(rule: "import.job-settled")) {
                try await TwinFixture.commit(store, TwinFixture.batch(), settled)
            }
            #expect(try await TwinFixture.count("models", in: database) == 0)
            #expect(try await TwinFixture.count("assets", in: database) == 0)

            settled.jobID = UUID()
            try await store.insertJob(ImportJob(id: settled.jobID, status: .running, fileName: "dc.ifc", sizeBytes: 1))
            let result = try await TwinFixture.commit(store, TwinFixture.batch(), settled)
            #expect(result.version.number == 1)
        }
    }

    @Test func overlappingMountsAreRefusedWithTheStableRule() async throws {
        try await TwinFixture.withStore { store, database in
            var batch = TwinFixture.batch()
            let d2 = batch.assets.firstIndex { $0.key == "D2" }!
            batch.assets[d2].mounting = RackMounting(uPosition: 2, uHeight: 1)  // D1 holds units 1–2
            await #expect(throws: RepositoryError.conflict(rule: "asset.mounting-overlap")) {
                try await TwinFixture.commit(store, batch, TwinFixture.target(version: 1))
            }
            #expect(try await TwinFixture.count("assets", in: database) == 0)

            _ = try await TwinFixture.commit(store, TwinFixture.batch(), TwinFixture.target(version: 1))
            let rack = try await TwinFixture.id("R1", in: database)
            let site = try #require(await store.asset(id: rack, scope: .everything)).siteID
            let intruder = Asset(id: UUID(), siteID: site, parentID: rack, kind: .device, name: "Intruder",
                                 mounting: RackMounting(uPosition: 2, uHeight: 2))
            await #expect(throws: RepositoryError.conflict(rule: "asset.mounting-overlap")) {
                try await store.withTransaction { tx in try await tx.insertAsset(intruder) }
            }
            var tooHigh = intruder
            tooHigh.mounting = RackMounting(uPosition: 41, uHeight: 4)
            await #expect(throws: RepositoryError.constraintViolated(rule: "asset.u-out-of-range")) {
                try await store.withTransaction { tx in try await tx.insertAsset(tooHigh) }
            }
            var notARack = intruder
            notARack.parentID = try await TwinFixture.id("C1", in: database)
            notARack.mounting = RackMounting(uPosition: 1, uHeight: 1)
            await #expect(throws: RepositoryError.constraintViolated(rule: "asset.parent-not-rack")) {
                try await store.withTransaction { tx in try await tx.insertAsset(notARack) }
            }
            var fits = intruder
            fits.mounting = RackMounting(uPosition: 20, uHeight: 2)
            let stored = try await store.withTransaction { tx in try await tx.insertAsset(fits) }
            #expect(stored.parentID == rack && stored.modelID == nil && stored.revision == 1)
        }
    }

    @Test func aDeviceCannotBeInTwoRacks() async throws {
        try await TwinFixture.withStore { store, database in
            var batch = TwinFixture.batch()
            // The same device listed under a second rack: one key, one row, first occurrence wins.
            batch.assets.append(AssetDraft(key: "D1", kind: .device, name: "Server 01 again", parentKey: "R2",
                                           mounting: RackMounting(uPosition: 30, uHeight: 1)))
            _ = try await TwinFixture.commit(store, batch, TwinFixture.target(version: 1))
            let (r1, r2, d1) = try await (TwinFixture.id("R1", in: database), TwinFixture.id("R2", in: database),
                                          TwinFixture.id("D1", in: database))
            #expect(try await TwinFixture.count("assets WHERE match_key = 'D1'", in: database) == 1)
            #expect(try await store.asset(id: d1, scope: .everything)?.parentID == r1)

            // Moving it to another rack replaces the single parent; it is never in both.
            var device = try #require(await store.asset(id: d1, scope: .everything))
            let expected = device.revision
            device.parentID = r2
            device.mounting = RackMounting(uPosition: 30, uHeight: 2)
            let moved = try await store.withTransaction { tx in try await tx.updateAsset(device, expectedRevision: expected) }
            #expect(moved.parentID == r2 && moved.revision == expected + 1)
            #expect(try await store.assets(AssetQuery(parentID: r1), scope: .everything).items.map(\.name) == ["Switch 01"])
            #expect(try await store.assets(AssetQuery(parentID: r2), scope: .everything).items.map(\.id).contains(d1))

            // A second row for the same id is a conflict, and a stale revision is refused.
            var copy = device
            copy.modelID = nil
            await #expect(throws: RepositoryError.conflict(rule: "assets_pkey")) {
                try await store.withTransaction { tx in try await tx.insertAsset(copy) }
            }
            await #expect(throws: RepositoryError.conflict(rule: "revision")) {
                try await store.withTransaction { tx in try await tx.updateAsset(device, expectedRevision: expected) }
            }
            // A rack may not have a parent (so no cycles either).
            var rack = try #require(await store.asset(id: r1, scope: .everything))
            rack.parentID = r2
            await #expect(throws: RepositoryError.constraintViolated(rule: "asset.rack-has-no-parent")) {
                try await store.withTransaction { tx in try await tx.updateAsset(rack, expectedRevision: 1) }
            }
            await #expect(throws: RepositoryError.constraintViolated(rule: "asset.model-owned")) {
                try await store.withTransaction { tx in try await tx.deleteAsset(id: d1) }
            }
        }
    }

    @Test func throwingAfterCommitImportLeavesNothing() async throws {
        struct Abort: Error {}
        try await TwinFixture.withStore { store, database in
            await #expect(throws: Abort.self) {
                try await store.withTransaction { tx in
                    _ = try await tx.commitImport(TwinFixture.batch(), target: TwinFixture.target(version: 1))
                    try await store.appendAudit(AuditEntry(timeMicros: 1, action: "import.commit", outcome: .success), in: tx)
                    throw Abort()
                }
            }
            for table in ["sites", "models", "model_versions", "model_version_entities", "buildings", "floors", "spaces",
                          "zones", "zone_spaces", "asset_types", "assets", "systems", "system_assets", "audit_log"] {
                #expect(try await TwinFixture.count(table, in: database) == 0, "\(table)")
            }
            // The same transaction committed: the audit row is chained with the change.
            try await store.withTransaction { tx in
                _ = try await tx.commitImport(TwinFixture.batch(), target: TwinFixture.target(version: 1))
                try await store.appendAudit(AuditEntry(timeMicros: 1, action: "import.commit", outcome: .success), in: tx)
            }
            #expect(try await TwinFixture.count("audit_log", in: database) == 1)
            #expect(try await TwinFixture.count("assets", in: database) == 8)
        }
    }

    @Test func unresolvedReferencesAreRefused() async throws {
        try await TwinFixture.withStore { store, _ in
            var batch = TwinFixture.batch()
            batch.assets[2].parentKey = "NO-SUCH-RACK"
            await #expect(throws: RepositoryError.constraintViolated(rule: "import.unresolved-parent")) {
                try await TwinFixture.commit(store, batch, TwinFixture.target(version: 1))
            }
            var floorless = TwinFixture.batch()
            floorless.spaces[0].floorKey = "F9"
            await #expect(throws: RepositoryError.constraintViolated(rule: "import.unresolved-floor")) {
                try await TwinFixture.commit(store, floorless, TwinFixture.target(version: 1))
            }
        }
    }
}
