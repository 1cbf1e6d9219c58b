import Foundation
import PostgresNIO
import Testing
import TwinDomain
@testable import TwinStore

@Suite("Twin store: scoped, spatial and paged reads against real PostGIS", .enabled(if: TestDatabase.available, "\(TestDatabase.skipMessage)"))
struct TwinStoreQueryTests {
    @Test func scopesHideOtherSitesRows() async throws {
        try await TwinFixture.withStore { store, database in
            let a = try await TwinFixture.commit(store, TwinFixture.batch(project: "A", siteName: "Site A"),
                                                 TwinFixture.target(version: 1))
            let b = try await TwinFixture.commit(store, TwinFixture.batch(project: "B", siteName: "Site B"),
                                                 TwinFixture.target(version: 1))
            #expect(a.model.siteID != b.model.siteID)
            let scopeA = AccessScope(siteIDs: [a.model.siteID])
            let bAsset = try #require(await store.assets(AssetQuery(siteID: b.model.siteID), scope: .everything).items.first)

            #expect(try await store.asset(id: bAsset.id, scope: scopeA) == nil)
            #expect(try await store.building(id: b.buildingIDs[0], scope: scopeA) == nil)
            #expect(try await store.site(id: b.model.siteID, scope: scopeA) == nil)
            #expect(try await store.model(id: b.model.id, scope: scopeA) == nil)
            #expect(try await store.diff(modelID: b.model.id, from: 1, to: 1, scope: scopeA) == nil)
            #expect(try await store.tree(buildingID: b.buildingIDs[0], scope: scopeA) == nil)
            #expect(try await store.model(projectKey: "B", scope: scopeA) == nil)
            #expect(try await store.model(projectKey: "A", scope: scopeA)?.id == a.model.id)

            let visible = try await store.assets(AssetQuery(page: PageRequest(limit: 1000)), scope: scopeA)
            #expect(visible.items.count == 8 && visible.items.allSatisfy { $0.siteID == a.model.siteID })
            #expect(try await store.sites(page: PageRequest(), scope: scopeA).items.map(\.name) == ["Site A"])
            #expect(try await store.assets(AssetQuery(), scope: .nothing).items.isEmpty)

            // A building grant sees the building's rows and the site's types, not the site itself.
            let buildingScope = AccessScope(buildingIDs: [b.buildingIDs[0]])
            #expect(try await store.asset(id: bAsset.id, scope: buildingScope)?.id == bAsset.id)
            #expect(try await store.site(id: b.model.siteID, scope: buildingScope) == nil)
            #expect(try await store.assetTypes(siteID: nil, page: PageRequest(), scope: buildingScope).items.map(\.siteID)
                    == [b.model.siteID])
            let point = Point3D(x: 3, y: 3, z: 1)
            #expect(try await store.space(containing: point, buildingID: b.buildingIDs[0], scope: scopeA) == nil)
            #expect(try await store.assets(.nearest(point: point, limit: 5), filter: SpatialFilter(buildingID: b.buildingIDs[0]),
                                           scope: scopeA).isEmpty)
            _ = database
        }
    }

    @Test func spatialQueriesMatchHandCheckedCases() async throws {
        try await TwinFixture.withStore { store, database in
            let result = try await TwinFixture.commit(store, TwinFixture.batch(), TwinFixture.target(version: 1))
            let building = result.buildingIDs[0]
            let filter = SpatialFilter(buildingID: building)

            #expect(try await store.space(containing: Point3D(x: 3, y: 3, z: 1), buildingID: building, scope: .everything)?.name == "Hall")
            #expect(try await store.space(containing: Point3D(x: 15, y: 5, z: 1), buildingID: building, scope: .everything)?.name == "Office")
            // Above the hall's box and the storey band; outside every footprint.
            #expect(try await store.space(containing: Point3D(x: 3, y: 3, z: 10), buildingID: building, scope: .everything) == nil)
            #expect(try await store.space(containing: Point3D(x: 25, y: 5, z: 1), buildingID: building, scope: .everything) == nil)

            // R1's box top is at z = 2, so (2, 2, 3) is 1 m away; R2 is 2.7 m away in x.
            let near = try await store.assets(.withinDistance(point: Point3D(x: 2, y: 2, z: 3), radius: 1.5), filter: filter,
                                              scope: .everything)
            #expect(near.map(\.asset.name) == ["Rack 01"])
            #expect(abs((near.first?.distance ?? -1) - 1.0) < 1e-9)
            // Inside a box the distance is 0.
            let inside = try await store.assets(.withinDistance(point: Point3D(x: 5, y: 2, z: 1), radius: 0.1), filter: filter,
                                                scope: .everything)
            #expect(inside.map(\.asset.name) == ["Rack 02"] && inside.first?.distance == 0)

            let boxed = try await store.assets(.insideBox(Box3D(min: Point3D(x: 4, y: 1, z: 0), max: Point3D(x: 9, y: 9, z: 1))),
                                               filter: filter, scope: .everything)
            #expect(boxed.map(\.asset.name) == ["CRAC 01", "Rack 02"])

            // KNN from the origin by anchor: R1 √8, R2 √29, C1 √128, E1 √170, S1 √(250 + 6.25).
            let ordered = try await store.assets(.nearest(point: Point3D(x: 0, y: 0, z: 0), limit: 10), filter: filter,
                                                 scope: .everything)
            #expect(ordered.map(\.asset.name) == ["Rack 01", "Rack 02", "CRAC 01", "Fire panel", "Temp 01"])
            #expect(abs((ordered.first?.distance ?? 0) - 8.0.squareRoot()) < 1e-9)
            let nearestRack = try await store.assets(.nearest(point: Point3D(x: 6, y: 2, z: 0), limit: 1),
                                                     filter: SpatialFilter(buildingID: building, kinds: [.rack]),
                                                     scope: .everything)
            #expect(nearestRack.map(\.asset.name) == ["Rack 02"] && nearestRack.first?.distance == 1)

            let office = try await TwinFixture.id("OFFICE", table: "spaces", in: database)
            let inOffice = try await store.assets(.insideSpace(office), filter: filter, scope: .everything)
            // S1 is assigned; E1 is only positioned inside the footprint and storey band.
            #expect(inOffice.map(\.asset.name) == ["Fire panel", "Temp 01"])
            let hall = try await TwinFixture.id("HALL", table: "spaces", in: database)
            let racks = try await store.assets(.insideSpace(hall), filter: SpatialFilter(buildingID: building, kinds: [.rack]),
                                               scope: .everything)
            #expect(racks.map(\.asset.name) == ["Rack 01", "Rack 02"])
        }
    }

    @Test func cursorsWalkEveryRowOnce() async throws {
        try await TwinFixture.withStore { store, _ in
            _ = try await TwinFixture.commit(store, TwinFixture.batch(), TwinFixture.target(version: 1))
            let everything = try await store.assets(AssetQuery(page: PageRequest(limit: 1000)), scope: .everything).items
            var seen: [UUID] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await store.assets(AssetQuery(page: PageRequest(cursor: cursor, limit: 3)), scope: .everything)
                seen += page.items.map(\.id)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 20
            #expect(pages == 3)
            #expect(seen == everything.map(\.id))
            #expect(everything.map(\.name) == everything.map(\.name).sorted())

            let text = try await store.assets(AssetQuery(text: "abc-12"), scope: .everything)
            #expect(text.items.map(\.name) == ["Storage 01"])
            #expect(try await store.assets(AssetQuery(text: "tag-d3"), scope: .everything).items.map(\.name) == ["Storage 01"])
            #expect(try await store.assets(AssetQuery(text: "%"), scope: .everything).items.isEmpty)
            let devices = try await store.assets(AssetQuery(kinds: [.device]), scope: .everything)
            #expect(devices.items.map(\.name) == ["Server 01", "Storage 01", "Switch 01"])
            let spaces = try await store.spaces(buildingID: nil, floorID: nil, zoneID: nil, text: "data", page: PageRequest(),
                                                scope: .everything)
            #expect(spaces.items.map(\.name) == ["Hall"])

            await #expect(throws: RepositoryError.constraintViolated(rule: "page.invalid-cursor")) {
                try await store.assets(AssetQuery(page: PageRequest(cursor: "not a cursor")), scope: .everything)
            }
        }
    }

    @Test func importJobsAreScopedPagedAndSettledAfterRestart() async throws {
        try await TwinFixture.withStore { store, database in
            let site = UUID()
            let base = Date(timeIntervalSince1970: 1_800_000_000)
            let alice = PrincipalReference(kind: "user", id: UUID())
            // Same display name, other identity: a key named "alice" sees nothing of alice's.
            let aliceKey = PrincipalReference(kind: "api_key", id: UUID())
            let aliceKeySameID = PrincipalReference(kind: "api_key", id: alice.id)
            var jobs: [ImportJob] = []
            for index in 0..<5 {
                let job = ImportJob(id: UUID(), status: index < 2 ? .succeeded : .queued, fileName: "f\(index).ifc",
                                    sizeBytes: 10, siteID: index == 0 ? site : nil, createdBy: "alice", creator: alice,
                                    createdAt: base.addingTimeInterval(Double(index)),
                                    updatedAt: base.addingTimeInterval(Double(index)))
                try await store.insertJob(job)
                jobs.append(job)
            }
            var running = jobs[2]
            running.status = .running
            running.phase = .parsing
            running.percent = 40
            running.messages = [ImportMessage(severity: .warning, message: "odd", location: "line 3", code: "step.odd")]
            try await store.updateJob(running)
            let read = try #require(await store.job(id: running.id, scope: .nothing, creator: alice))
            #expect(read.status == .running && read.percent == 40 && read.messages == running.messages)
            #expect(read.creator == alice && read.createdBy == "alice")
            #expect(try await store.job(id: running.id, scope: .nothing, creator: aliceKey) == nil)
            #expect(try await store.job(id: running.id, scope: .nothing, creator: aliceKeySameID) == nil)
            #expect(try await store.job(id: running.id, scope: .nothing, creator: nil) == nil)
            #expect(try await store.job(id: jobs[0].id, scope: AccessScope(siteIDs: [site]), creator: aliceKey) != nil)
            #expect(try await store.jobs(page: PageRequest(limit: 100), scope: .nothing, creator: aliceKey).items.isEmpty)

            var seen: [UUID] = []
            var cursor: String?
            repeat {
                let page = try await store.jobs(page: PageRequest(cursor: cursor, limit: 2), scope: .nothing, creator: alice)
                seen += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil && seen.count < 10
            #expect(seen == jobs.reversed().map(\.id))

            // Leases: renewed jobs are left alone by a sweep; a job silent for longer is failed.
            // (Job 2's last renewal is set an hour back rather than waited for: no timing in tests.)
            try await store.renewJobLeases(ids: Set(jobs.map(\.id)))
            #expect(try await store.failInterruptedJobs(silentFor: .seconds(60)).isEmpty)
            try await database.client.query("""
                UPDATE import_jobs SET heartbeat_at = now() - interval '1 hour' WHERE id = \(jobs[2].id)
                """)
            let lapsed = try await store.failInterruptedJobs(silentFor: .seconds(60))
            #expect(lapsed.map(\.id) == [jobs[2].id])
            // With no silence allowed, every unfinished job is settled.
            let interrupted = try await store.failInterruptedJobs(silentFor: .zero)
            #expect(Set(interrupted.map(\.id)) == Set(jobs[3...].map(\.id)))
            #expect(interrupted.allSatisfy { $0.status == .failed && $0.errorCode == "import.interrupted" && $0.finishedAt != nil })
            #expect(try await store.failInterruptedJobs(silentFor: .zero).isEmpty)
        }
    }

    /// Jobs importing one model at once each get their own number, however the inserts interleave;
    /// a job asking again keeps its number; a released number is not handed out while a higher
    /// one is held, and a commit of the model's versions counts as taken.
    @Test func versionReservationsAreDistinctPerModel() async throws {
        try await TwinFixture.withStore { store, database in
            let site = UUID(), model = UUID()
            try await database.client.query("INSERT INTO sites (id, name) VALUES (\(site), 'Reservations')")
            try await database.client.query("""
                INSERT INTO models (id, site_id, name, format, project_key) VALUES (\(model), \(site), 'M', 'ifc', 'p')
                """)
            var jobs: [UUID] = []
            for index in 0..<8 {
                let job = ImportJob(id: UUID(), status: .running, fileName: "r\(index).ifc", sizeBytes: 1)
                try await store.insertJob(job)
                jobs.append(job.id)
            }
            let numbers = try await withThrowingTaskGroup(of: (UUID, Int).self) { group in
                for job in jobs { group.addTask { (job, try await store.reserveVersion(modelID: model, jobID: job)) } }
                var numbers: [UUID: Int] = [:]
                for try await (job, number) in group { numbers[job] = number }
                return numbers
            }
            #expect(Set(numbers.values) == Set(1...8))
            #expect(try await store.reserveVersion(modelID: model, jobID: jobs[0]) == numbers[jobs[0]])

            // Releasing a low number does not hand it out again while 8 is held.
            let low = try #require(numbers.first { $0.value == 3 }?.key)
            try await store.releaseVersion(jobID: low)
            let late = ImportJob(id: UUID(), status: .running, fileName: "late.ifc", sizeBytes: 1)
            try await store.insertJob(late)
            #expect(try await store.reserveVersion(modelID: model, jobID: late.id) == 9)
            for job in jobs + [late.id] { try await store.releaseVersion(jobID: job) }
            #expect(try await TwinFixture.count("model_version_reservations", in: database) == 0)
            // An unknown job cannot reserve.
            await #expect(throws: RepositoryError.constraintViolated(rule: "version-reservation.job")) {
                _ = try await store.reserveVersion(modelID: model, jobID: UUID())
            }
        }
    }
}
