import BIMDocuments
import Foundation
import IFCGeometry
import Synchronization
import Testing
import TwinDomain
import TwinImport
import TwinServices
import TwinStore

/// The import pipeline end to end on real PostgreSQL/PostGIS and MongoDB.
@Suite("Import pipeline (integration)", .serialized, .enabled(if: TwinImportEnvironment.available, "\(TwinImportEnvironment.skipMessage)"))
struct TwinImportPipelineTests {
    /// The batch the importer makes of `file` on its own, to compare what the pipeline stored.
    static func referenceBatch(_ file: URL) async throws -> ImportBatch {
        let format = try ImportSniffer.sniff(fileAt: file)
        return try await TwinImporter(extractGeometry: false).importFile(
            at: file, format: format, rules: .default, progress: { _, _ in }, documents: { _ in })
    }

    static func assets(_ environment: TwinImportEnvironment, modelID: UUID, kind: AssetKind? = nil) async throws -> [Asset] {
        var all: [Asset] = []
        var cursor: String?
        repeat {
            let query = AssetQuery(kinds: kind.map { [$0] } ?? [], page: PageRequest(cursor: cursor, limit: 1000))
            let page = try await environment.store.assets(query, scope: .everything)
            all += page.items.filter { $0.modelID == modelID }
            cursor = page.nextCursor
        } while cursor != nil
        return all
    }

    @Test("the sample data centre imports completely: PostGIS rows, MongoDB documents, original and storey tiles")
    func sampleDataCentre() async throws {
        try await TwinImportEnvironment.with { environment in
            let reference = try await Self.referenceBatch(TwinImportEnvironment.sampleIFC)
            let job = try await environment.importFile(TwinImportEnvironment.sampleIFC)
            #expect(job.status == .succeeded, "\(job.errorCode ?? "") \(job.messages)")
            #expect(job.phase == .done && job.percent == 100 && job.format == .ifcSTEP)
            let modelID = try #require(job.modelID)
            #expect(job.versionNumber == 1)

            let stored = try #require(try await environment.store.job(id: job.id, scope: .everything, creator: nil))
            #expect(stored.status == .succeeded && stored.versionNumber == 1)

            let model = try #require(try await environment.store.model(id: modelID, scope: .everything))
            #expect(model.activeVersion == 1)
            #expect(model.projectKey == reference.projectKey)
            let version = try #require(try await environment.store.version(modelID: modelID, number: 1, scope: .everything))
            for (name, count) in reference.counts { #expect(version.counts[name] == count, "\(name)") }
            #expect(version.originalFileID != nil)

            // The sample's documented contents (samples/README.md).
            let assets = try await Self.assets(environment, modelID: modelID)
            #expect(assets.count == reference.assets.count)
            #expect(assets.filter { $0.kind == .rack }.count == 64)
            #expect(assets.filter { $0.kind == .sensor }.count == 72)
            #expect(try await environment.count("SELECT count(*) FROM floors") == reference.floors.count)
            #expect(try await environment.count("SELECT count(*) FROM spaces") == reference.spaces.count)

            // Documents: one per fingerprinted entity, findable by GlobalId under the active version.
            let key = ModelVersionKey(modelID: modelID, version: 1)
            #expect(try await environment.documents.entityCount(in: key) == reference.fingerprints.count)
            let rack = try #require(assets.first { $0.kind == .rack })
            let gid = try #require(rack.source.ifcGlobalID)
            let document = try #require(try await environment.documents.entity(globalID: gid, in: key))
            #expect(document.name == rack.name || document.name != nil)

            // Original byte-identical; storey tiles and their index.
            let original = try #require(try await environment.documents.files(in: key, kind: .original).first)
            let bytes = try await environment.documents.fileData(id: original.id)
            #expect(bytes == (try Data(contentsOf: TwinImportEnvironment.sampleIFC)))
            let tiles = try await environment.documents.files(in: key, kind: .glbTile)
            #expect(!tiles.isEmpty)
            #expect(tiles.count <= reference.floors.count)

            // Audited: submit and commit, in the same chain.
            #expect(try await environment.count("SELECT count(*) FROM audit_log WHERE action = 'import.create'") == 1)
            #expect(try await environment.count("SELECT count(*) FROM audit_log WHERE action = 'import.commit'") == 1)

            // Geometry: the stored floor tile, and an on-demand rack.
            let floors = try await environment.store.floors(buildingID: nil, page: PageRequest(), scope: .everything)
            let floor = try #require(floors.items.first { floor in tiles.contains { $0.descriptor.tileKey == "storey/\(floor.source.ifcGlobalID ?? "")" } })
            let glb = try await environment.geometry.glb(for: .floor(floor.id), principal: TwinImportEnvironment.admin)
            #expect(Array(glb.data.prefix(4)) == Array("glTF".utf8))
            let rackGLB = try await environment.geometry.glb(for: .asset(rack.id), principal: TwinImportEnvironment.admin)
            #expect(Array(rackGLB.data.prefix(4)) == Array("glTF".utf8))
            #expect(rackGLB.etag != glb.etag)
            let index = try await environment.geometry.tileIndex(buildingID: floor.buildingID, principal: TwinImportEnvironment.admin)
            #expect(index.index.tiles.contains { $0.floorID == floor.id && $0.box != nil })
        }
    }

    @Test("re-importing a modified copy makes version 2 with the expected diff; unchanged assets keep their ids")
    func reimportDiff() async throws {
        try await TwinImportEnvironment.with { environment in
            let first = try await environment.importFile(TwinImportEnvironment.sampleIFC)
            let modelID = try #require(first.modelID)
            let before = try await Self.assets(environment, modelID: modelID)
            let device = try #require(before.first { $0.kind == .device && $0.source.ifcGlobalID != nil })
            let renamed = try #require(before.first { $0.kind == .device && $0.id != device.id && $0.source.ifcGlobalID != nil })
            let oldGID = try #require(device.source.ifcGlobalID)
            let newGID = "0" + String(oldGID.dropFirst().reversed())

            // Modify: one device gets a new GlobalId (removed + added), another a new name (changed).
            var text = try String(contentsOf: TwinImportEnvironment.sampleIFC, encoding: .utf8)
            text = text.replacingOccurrences(of: "'\(oldGID)'", with: "'\(newGID)'")
            let renamedGID = try #require(renamed.source.ifcGlobalID)
            let line = try #require(text.split(separator: "\n").first { $0.contains("'\(renamedGID)'") })
            let newLine = line.replacingOccurrences(of: "'\(renamed.name)'", with: "'\(renamed.name) renamed'")
            #expect(newLine != line)
            text = text.replacingOccurrences(of: String(line), with: newLine)
            let modified = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-dc-modified-\(UUID()).ifc")
            try text.write(to: modified, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: modified) }

            let second = try await environment.importFile(modified)
            #expect(second.status == .succeeded, "\(second.errorCode ?? "") \(second.messages)")
            #expect(second.modelID == modelID, "a re-import finds its model by project key")
            #expect(second.versionNumber == 2)

            let diff = try #require(try await environment.store.diff(modelID: modelID, from: 1, to: 2, scope: .everything))
            #expect(diff.added.map(\.matchKey).contains(newGID))
            #expect(diff.removed.map(\.matchKey).contains(oldGID))
            #expect(diff.changed.first { $0.matchKey == renamedGID }?.aspects.contains(.attributes) == true)

            let after = try await Self.assets(environment, modelID: modelID)
            #expect(after.first { $0.id == renamed.id }?.name == "\(renamed.name) renamed")
            #expect(after.first { $0.source.ifcGlobalID == newGID } != nil)
            #expect(after.first { $0.id == device.id } == nil, "the removed device is retired")
            let keptIDs = Set(after.map(\.id))
            #expect(before.filter { $0.id != device.id }.allSatisfy { keptIDs.contains($0.id) })
            // Version 1's documents stay for its readers; version 2 has its own.
            #expect(try await environment.documents.entity(globalID: oldGID, in: ModelVersionKey(modelID: modelID, version: 1)) != nil)
            #expect(try await environment.documents.entity(globalID: oldGID, in: ModelVersionKey(modelID: modelID, version: 2)) == nil)
            #expect(try await environment.documents.entity(globalID: newGID, in: ModelVersionKey(modelID: modelID, version: 2)) != nil)
        }
    }

    @Test("an import killed after its documents were written leaves nothing visible; start-up recovery fails it and removes the orphans")
    func killedMidway() async throws {
        try await TwinImportEnvironment.with { environment in
            let abandoned = try await environment.importFile(
                TwinImportEnvironment.sampleIFC, fault: ImportFaultInjection(point: .afterDocuments, effect: .abandon))
            #expect(abandoned.status == .running)
            let orphanKey = ModelVersionKey(modelID: try #require(abandoned.modelID), version: try #require(abandoned.versionNumber))
            #expect(try await environment.documents.entityCount(in: orphanKey) > 0, "the documents were written before the 'crash'")

            // Nothing is visible while it is 'dead'.
            #expect(try await environment.store.models(siteID: nil, page: PageRequest(), scope: .everything).items.isEmpty)
            #expect(try await environment.count("SELECT count(*) FROM assets") == 0)
            #expect(try await environment.count("SELECT count(*) FROM model_versions") == 0)

            // Its lease is fresh, so a sweep leaves it alone (it could be alive in another process);
            // once the lease has lapsed, the next sweep settles it.
            let worker = ImportWorker(pipeline: environment.pipeline(), queue: ImportQueue(), logger: environment.logger)
            #expect(try await worker.recoverInterrupted() == 0)
            _ = try await environment.count("UPDATE import_jobs SET heartbeat_at = now() - interval '2 minutes' RETURNING 1")
            #expect(try await worker.recoverInterrupted() == 1)
            let job = try #require(try await environment.store.job(id: abandoned.id, scope: .everything, creator: nil))
            #expect(job.status == .failed)
            #expect(job.errorCode == "import.interrupted")
            #expect(job.versionNumber == nil)
            #expect(try await environment.count("""
                SELECT count(*) FROM audit_log WHERE action = 'import.commit' AND outcome = 'failure' AND reason = 'import.interrupted'
                  AND actor_name = 'import-recovery' AND object_id = '\(job.id.uuidString.lowercased())'
                """) == 1)
            #expect(try await environment.documents.entityCount(in: orphanKey) == 0)
            #expect(try await environment.entityDocumentCount() == 0)
            #expect(try await environment.storedFileCount() == 0)
            #expect(try await environment.count("SELECT count(*) FROM models") == 0)
        }
    }

    @Test("a failure right before the commit cleans up after itself")
    func failureBeforeCommit() async throws {
        try await TwinImportEnvironment.with { environment in
            let job = try await environment.importFile(
                TwinImportEnvironment.sampleIFC, fault: ImportFaultInjection(point: .beforeCommit, effect: .fail))
            #expect(job.status == .failed)
            #expect(job.errorCode == "import.fault-injected")
            #expect(job.versionNumber == nil)
            #expect(try await environment.entityDocumentCount() == 0)
            #expect(try await environment.storedFileCount() == 0)
            #expect(try await environment.count("SELECT count(*) FROM models") == 0)
            #expect(try await environment.count("SELECT count(*) FROM assets") == 0)
            #expect(try await environment.count("SELECT count(*) FROM audit_log WHERE action = 'import.commit' AND outcome = 'success'") == 0)
            // The attempt is audited all the same, with its error code.
            #expect(try await environment.count("""
                SELECT count(*) FROM audit_log WHERE action = 'import.commit' AND outcome = 'failure'
                  AND reason = 'import.fault-injected' AND object_kind = 'import' AND object_id = '\(job.id.uuidString.lowercased())'
                  AND after_json LIKE '%"error_code":"import.fault-injected"%'
                """) == 1)
        }
    }

    @Test("rows go into the open transaction while documents are still written; a late failure rolls both back")
    func overlapAndLateFailure() async throws {
        try await TwinImportEnvironment.with { environment in
            let probe: @Sendable () async throws -> Int = {
                try await environment.count("""
                    SELECT count(*)::int FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid()
                      AND clock_timestamp() - xact_start > interval '300 milliseconds'
                    """)
            }
            let importer = FailingDocumentsImporter(probe: probe)
            let job = try await environment.importFile(TwinImportEnvironment.sampleIFC, importer: importer)
            #expect(job.status == .failed)
            #expect(job.errorCode == "import.documents")
            #expect(importer.sawOpenTransaction.withLock { $0 }, "the rows' transaction was open while documents were written")
            #expect(try await environment.count("SELECT count(*) FROM models") == 0)
            #expect(try await environment.count("SELECT count(*) FROM assets") == 0)
            #expect(try await environment.count("SELECT count(*) FROM audit_log WHERE action = 'import.commit' AND outcome = 'success'") == 0)
            #expect(try await environment.count("SELECT count(*) FROM audit_log WHERE action = 'import.commit' AND reason = 'import.documents'") == 1)
            #expect(try await environment.entityDocumentCount() == 0)
            #expect(try await environment.storedFileCount() == 0)
        }
    }

    @Test("a worker's sweeps fail jobs whose owner is gone, never an import running in another process")
    func leases() async throws {
        try await TwinImportEnvironment.with { environment in
            var settings = environment.settings
            settings.leaseRenewal = .milliseconds(100)
            // Forty renewals of slack, so a loaded machine does not lapse the live import's lease.
            settings.leaseTimeout = .seconds(4)
            // Held mid-import for several lease timeouts, so sweeps certainly run while it is alive.
            let gate = GatedImporter()
            let pipeline = ImportPipeline(twin: environment.store, jobs: environment.store, documents: environment.documents,
                                          importer: gate, settings: settings, logger: environment.logger)
            // An orphan: unfinished, and nobody renews its lease.
            let orphan = ImportJob(id: UUID(), status: .running, fileName: "gone.ifc", sizeBytes: 1)
            try await environment.store.insertJob(orphan)

            // A worker starts and sweeps every two seconds while an import runs beside it, as
            // `atrium import` does in another process: that import renews its own lease.
            let item = try await environment.accept(TwinImportEnvironment.sampleIFC)
            let worker = ImportWorker(pipeline: pipeline, queue: ImportQueue(), logger: environment.logger)
            let sweeping = Task { try await worker.run() }
            let store = environment.store
            let watching = Task {
                // What other readers see of the running import: never failed by a sweep.
                var statuses: Set<ImportJobStatus> = []
                while !Task.isCancelled {
                    if let row = try? await store.job(id: item.job.id, scope: .everything, creator: nil) { statuses.insert(row.status) }
                    try? await Task.sleep(for: .milliseconds(50))
                }
                return statuses
            }
            let running = Task { await pipeline.run(item) }
            #expect(await gate.waitUntilHeld(), "the import parsed its file")
            try await Task.sleep(for: .seconds(10))
            gate.release()
            let job = await running.value
            watching.cancel()
            let seen = await watching.value
            #expect(job.status == .succeeded, "\(job.errorCode ?? "")")
            #expect(!seen.contains(.failed), "the running import was never settled by a sweep: \(seen)")
            #expect(seen.contains(.running))

            var settled: ImportJob?
            for _ in 0..<300 {
                settled = try await environment.store.job(id: orphan.id, scope: .everything, creator: nil)
                if settled?.status == .failed { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(settled?.status == .failed)
            #expect(settled?.errorCode == "import.interrupted")
            sweeping.cancel()
            _ = try? await sweeping.value
        }
    }

    /// Two processes importing one model at once (a server and `atrium import`): each reserves its
    /// own version number before writing documents, so neither's documents mix with the other's.
    /// Forced order: A reserves 2 and is held before it lands while B reserves 3 and commits; A's
    /// commit is then superseded and its cleanup removes whatever it wrote, never B's documents.
    @Test("concurrent imports of one model: the later number commits first, the other is superseded and leaves nothing")
    func concurrentImportsOfOneModel() async throws {
        try await TwinImportEnvironment.with { environment in
            let first = try await environment.importFile(TwinImportEnvironment.sampleIFC)
            let modelID = try #require(first.modelID)
            let perVersion = try await environment.documents.entityCount(in: ModelVersionKey(modelID: modelID, version: 1))
            #expect(perVersion > 0)

            let gate = GatedImporter()
            let itemA = try await environment.accept(TwinImportEnvironment.sampleIFC, modelID: modelID)
            let itemB = try await environment.accept(TwinImportEnvironment.sampleIFC, modelID: modelID)
            let pipelineA = environment.pipeline(importer: gate)
            let runningA = Task { await pipelineA.run(itemA) }
            #expect(await gate.waitUntilHeld(), "import A parsed its file")
            let b = await environment.pipeline().run(itemB)
            gate.release()
            let a = await runningA.value

            #expect(b.status == .succeeded, "\(b.errorCode ?? "")")
            #expect(b.versionNumber == 3, "A holds 2, so B takes 3")
            #expect(a.status == .failed)
            #expect(a.errorCode == ImportFailure.superseded.code)
            #expect(try await environment.count("""
                SELECT count(*) FROM audit_log WHERE action = 'import.commit' AND outcome = 'failure'
                  AND reason = '\(ImportFailure.superseded.code)' AND object_id = '\(a.id.uuidString.lowercased())'
                """) == 1)
            let model = try #require(try await environment.store.model(id: modelID, scope: .everything))
            #expect(model.activeVersion == 3)
            #expect(try await environment.documents.entityCount(in: ModelVersionKey(modelID: modelID, version: 1)) == perVersion)
            #expect(try await environment.documents.entityCount(in: ModelVersionKey(modelID: modelID, version: 2)) == 0)
            #expect(try await environment.documents.entityCount(in: ModelVersionKey(modelID: modelID, version: 3)) == perVersion)
            #expect(try await environment.documents.files(in: ModelVersionKey(modelID: modelID, version: 2), kind: nil).isEmpty)
            #expect(try await environment.count("SELECT count(*) FROM model_version_reservations") == 0)

            // Numbers go on from the highest committed one.
            let again = try await environment.importFile(TwinImportEnvironment.sampleIFC, modelID: modelID)
            #expect(again.status == .succeeded && again.versionNumber == 4)
            #expect(try await environment.count("SELECT count(*) FROM model_version_reservations") == 0)
        }
    }

    /// Finding 9: a held-back IFC2X3 house failed with import.internal "invalid document for insert:
    /// empty key" because a property had an empty name. Names BSON refuses are escaped, not fatal.
    @Test("properties named '' or '$where.x' import and read back under their own names")
    func oddPropertyNames() async throws {
        try await TwinImportEnvironment.with { environment in
            var text = try String(contentsOf: TwinImportEnvironment.sampleIFC, encoding: .utf8)
            for (old, new) in [("'Manufacturer'", "''"), ("'ModelLabel'", "'$where.x'")] {
                let range = try #require(text.range(of: "IFCPROPERTYSINGLEVALUE(\(old)"))
                text.replaceSubrange(range, with: "IFCPROPERTYSINGLEVALUE(\(new)")
            }
            // And a NUL escaped into a rack's name (PostgreSQL text cannot hold it).
            let rack = try #require(text.range(of: "IFCFURNITURE('"))
            let nameStart = try #require(text[rack.upperBound...].range(of: ",'"))
            text.insert(contentsOf: "R\\X\\00", at: nameStart.upperBound)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-odd-keys-\(UUID()).ifc")
            try text.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let job = try await environment.importFile(file)
            #expect(job.status == .succeeded, "\(job.errorCode ?? "") \(job.messages)")
            let modelID = try #require(job.modelID)
            let key = ModelVersionKey(modelID: modelID, version: 1)
            var names = Set<String>()
            var after: String?
            repeat {
                let page = try await environment.documents.entities(in: key, ifcType: nil, afterGlobalID: after, limit: 500)
                for entity in page { for (_, properties) in entity.propertySets { names.formUnion(properties.keys) } }
                after = page.count == 500 ? page.last?.globalID : nil
            } while after != nil
            #expect(names.contains(""))
            #expect(names.contains("$where.x"))
            let racks = try await Self.assets(environment, modelID: modelID, kind: .rack)
            #expect(racks.contains { $0.name.hasPrefix("R\u{FFFD}") })
        }
    }

    @Test("bad uploads: refused at submit (no job) or failed with the importer's code, and nothing stored", arguments: [
        ("not-ifc.txt", Data("just some text, not a building\n".utf8), "import.unsupported-format", true),
        ("fake.xlsx", Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 40)), "import.corrupt-archive", true),
        ("truncated.ifc", Data("ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\nFILE_NAME('a','',(''),(''),'','','');\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n#1=IFCPROJECT('2Y5Gx".utf8), nil, false),
    ])
    func badUploads(name: String, bytes: Data, code: String?, refusedAtSubmit: Bool) async throws {
        try await TwinImportEnvironment.with { environment in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID())-\(name)")
            try bytes.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            if refusedAtSubmit {
                // Judged from the bytes before a job exists: no job row, no staged file, no audit of a job.
                await #expect { _ = try await environment.accept(file) } throws: { error in
                    (error as? ImportFailure)?.code == code
                }
                #expect(try await environment.count("SELECT count(*) FROM import_jobs") == 0)
                #expect(try await environment.count("SELECT count(*) FROM audit_log WHERE action = 'import.create'") == 0)
                #expect(try FileManager.default.contentsOfDirectory(atPath: environment.settings.stagingDirectory.path).isEmpty)
                return
            }
            let job = try await environment.importFile(file)
            #expect(job.status == .failed)
            if let code { #expect(job.errorCode == code) } else { #expect(job.errorCode?.hasPrefix("import.") == true) }
            #expect(job.errorCode != "import.internal")
            #expect(job.messages.contains { $0.severity == .error })
            #expect(try await environment.entityDocumentCount() == 0)
            #expect(try await environment.storedFileCount() == 0)
            #expect(try await environment.count("SELECT count(*) FROM models") == 0)
            #expect(!FileManager.default.fileExists(atPath: environment.settings.stagedFile(for: job.id).path))
        }
    }

    @Test("empty and oversized uploads are refused at submit; nothing is queued or stored")
    func refusedAtSubmit() async throws {
        try await TwinImportEnvironment.with { environment in
            let empty = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID()).ifc")
            try Data().write(to: empty)
            defer { try? FileManager.default.removeItem(at: empty) }
            await #expect(throws: ImportFailure.empty) { _ = try await environment.accept(empty) }

            var small = environment.settings
            small.maxBytes = 1000
            let service = ImportService(twin: environment.store, jobs: environment.store, queue: ImportQueue(), settings: small,
                                        logger: environment.logger)
            let staged = try StagedUpload.stage(copying: TwinImportEnvironment.sampleIFC, into: small.stagingDirectory,
                                                maxBytes: .max)
            await #expect(throws: ImportFailure.tooLarge(limit: 1000)) {
                _ = try await service.submit(stagedFile: staged, fileName: "big.ifc", siteID: nil, modelID: nil,
                                             principal: TwinImportEnvironment.admin, context: AuditContext())
            }
            #expect(!FileManager.default.fileExists(atPath: staged.url.path), "a refused upload is deleted")
            #expect(throws: ImportFailure.tooLarge(limit: 1000)) {
                _ = try StagedUpload.stage(copying: TwinImportEnvironment.sampleIFC, into: small.stagingDirectory, maxBytes: 1000)
            }
            #expect(try await environment.count("SELECT count(*) FROM import_jobs") == 0)
        }
    }

    @Test("a caller without imports.create is refused and audited; a site-scoped caller cannot create a new site")
    func authorization() async throws {
        try await TwinImportEnvironment.with { environment in
            let viewer = Principal(userID: UUID(), name: "viewer", grants: [Grant(role: .viewer, target: .global)])
            await #expect(throws: SecurityError.forbidden) { _ = try await environment.accept(TwinImportEnvironment.sampleIFC, principal: viewer) }
            #expect(try await environment.count("SELECT count(*) FROM import_jobs") == 0)
            #expect(try await environment.count("SELECT count(*) FROM audit_log WHERE action = 'import.create' AND outcome = 'denied'") == 1)

            let siteManager = Principal(userID: UUID(), name: "fm", grants: [Grant(role: .facilityManager, target: .site(UUID()))])
            let item = try await environment.accept(TwinImportEnvironment.sampleIFC, principal: siteManager)
            let job = await environment.pipeline().run(item)
            #expect(job.status == .failed)
            #expect(job.errorCode == "import.forbidden")
            #expect(try await environment.count("SELECT count(*) FROM models") == 0)
            #expect(try await environment.entityDocumentCount() == 0)
        }
    }
}

/// The real importer with small chunks, which waits (bounded) until the pipeline's transaction is
/// open and idle, i.e. has written the rows and waits for the documents, then fails the documents.
final class FailingDocumentsImporter: ModelFileImporter {
    let base = TwinFileImporter(importer: TwinImporter(chunkSize: 20))
    let probe: @Sendable () async throws -> Int
    let sawOpenTransaction = Mutex(false)

    init(probe: @escaping @Sendable () async throws -> Int) {
        self.probe = probe
    }

    func sniff(fileAt url: URL) throws -> ImportFormat { try base.sniff(fileAt: url) }

    func importFile(
        at url: URL, format: ImportFormat, key: ModelVersionKey,
        progress: @escaping @Sendable (ImportPhase, Int) -> Void,
        geometry: (@Sendable (IFCGeometryResult) async throws -> Void)?,
        batchReady: (ImportBatch) async throws -> Void,
        documents: (_ chunk: [EntityDocument]) async throws -> Void
    ) async throws -> ImportBatch {
        var chunks = 0
        return try await base.importFile(at: url, format: format, key: key, progress: progress, geometry: geometry,
                                         batchReady: batchReady) { chunk in
            try await documents(chunk)
            chunks += 1
            guard chunks == 2 else { return }
            var open = false
            for _ in 0..<200 {
                open = try await probe() > 0
                if open { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            sawOpenTransaction.withLock { $0 = open }
            throw DocumentsFailed()
        }
    }

    struct DocumentsFailed: Error {}
}

/// The real importer, held just before it hands over its batch (so before the pipeline's
/// transaction locks the model) until released; bounded waits both ways.
final class GatedImporter: ModelFileImporter {
    let base = TwinFileImporter()
    let state = Mutex((held: false, released: false))

    func sniff(fileAt url: URL) throws -> ImportFormat { try base.sniff(fileAt: url) }

    func release() { state.withLock { $0.released = true } }

    /// Whether the import reached the gate within a minute.
    func waitUntilHeld() async -> Bool {
        for _ in 0..<1200 {
            if state.withLock({ $0.held }) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    func importFile(
        at url: URL, format: ImportFormat, key: ModelVersionKey,
        progress: @escaping @Sendable (ImportPhase, Int) -> Void,
        geometry: (@Sendable (IFCGeometryResult) async throws -> Void)?,
        batchReady: (ImportBatch) async throws -> Void,
        documents: (_ chunk: [EntityDocument]) async throws -> Void
    ) async throws -> ImportBatch {
        try await base.importFile(at: url, format: format, key: key, progress: progress, geometry: geometry,
                                  batchReady: { batch in
                                      state.withLock { $0.held = true }
                                      var waits = 0
                                      while !state.withLock({ $0.released }), waits < 2400 {
                                          try await Task.sleep(for: .milliseconds(50))
                                          waits += 1
                                      }
                                      try await batchReady(batch)
                                  }, documents: documents)
    }
}
