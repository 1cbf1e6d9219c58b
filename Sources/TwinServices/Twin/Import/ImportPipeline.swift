import Foundation
import IFCGeometry
import Logging
import TwinDomain

/// Runs one import job end to end: sniff, stream documents into MongoDB, store the original and
/// the storey tiles, then commit the batch to PostGIS in one audited transaction.
///
/// All or nothing: until the PostGIS commit nothing points at the new version, so on any failure
/// the version's documents and files are deleted and the job fails with a client-safe code.
public struct ImportPipeline: Sendable {
    let twin: any TwinRepository
    let jobs: any ImportJobRepository
    let documents: any BIMDocumentRepository
    let importer: any ModelFileImporter
    let tiler: StoreyTiler?
    let gateway: ChangeGateway<any TwinTransaction>
    let settings: ImportSettings
    let logger: Logger
    /// Where `import.succeeded` is announced to live clients (scope-filtered by the hub's readers).
    let events: LiveEventHub?
    /// Flushed once the commit is over, before the job reads as succeeded.
    let assetCache: AssetReadCache?
    let buildingCache: BuildingReadCache?

    /// Gives the imported site the points its assets imply, after each successful import.
    public var points: PointProvisioner?

    public init(twin: any TwinRepository, jobs: any ImportJobRepository, documents: any BIMDocumentRepository,
                importer: any ModelFileImporter, tiler: StoreyTiler? = StoreyTiler(), settings: ImportSettings,
                events: LiveEventHub? = nil, assetCache: AssetReadCache? = nil, buildingCache: BuildingReadCache? = nil,
                logger: Logger) {
        self.events = events
        self.assetCache = assetCache
        self.buildingCache = buildingCache
        self.twin = twin
        self.jobs = jobs
        self.documents = documents
        self.importer = importer
        self.tiler = tiler
        self.gateway = ChangeGateway(store: TwinAuditedStore(base: twin), logger: logger)
        self.settings = settings
        self.logger = logger
    }

    /// What the pipeline learned while running, kept for cleanup after a failure.
    struct Written: Sendable {
        var keys: Set<ModelVersionKey> = []
        var fileIDs: [String] = []
    }

    /// Runs the job and returns it finished (succeeded or failed). `observe` sees every state
    /// written to the job row (the CLI's progress bar).
    ///
    /// While it runs, the job's lease is renewed (``ImportSettings/leaseRenewal``), so a recovery
    /// sweep in this or another process leaves it alone; when the process dies, renewals stop.
    @discardableResult
    public func run(_ item: ImportWorkItem, observe: (@Sendable (ImportJob) -> Void)? = nil) async -> ImportJob {
        await withTaskGroup(of: Void.self) { group in
            let jobs = self.jobs, id = item.job.id, every = settings.leaseRenewal
            group.addTask {
                while (try? await Task.sleep(for: every)) != nil {
                    try? await jobs.renewJobLeases(ids: [id])
                }
            }
            let finished = await runJob(item, observe: observe)
            group.cancelAll()
            return finished
        }
    }

    func runJob(_ item: ImportWorkItem, observe: (@Sendable (ImportJob) -> Void)?) async -> ImportJob {
        var job = item.job
        job.status = .running
        job.phase = .received
        job.percent = 0
        job.updatedAt = Date()
        await write(job, observe)
        var log = logger
        log[metadataKey: "job"] = .string(job.id.uuidString.lowercased())
        let started = ContinuousClock.now
        var written = Written()
        do {
            let finished = try await execute(item, job: job, written: &written, observe: observe)
            try? FileManager.default.removeItem(at: item.upload.url)
            log.info("import succeeded", metadata: [
                "model": .string(finished.modelID?.uuidString.lowercased() ?? ""),
                "version": .stringConvertible(finished.versionNumber ?? 0),
                "seconds": .stringConvertible((ContinuousClock.now - started).components.seconds),
            ])
            await write(finished, observe)
            if let points, let siteID = finished.siteID {
                // Not part of the import's transaction: idempotent, and re-run for every site at start-up.
                do { try await points.provision(siteID: siteID) } catch {
                    log.warning("points not provisioned after the import; the next start-up retries",
                                metadata: ["error": .string(String(describing: type(of: error)))])
                }
            }
            if let events, let siteID = finished.siteID, let modelID = finished.modelID, let version = finished.versionNumber {
                events.publish(LiveEvent(
                    kind: "import.succeeded", siteID: siteID, objectKind: "model", objectID: modelID.uuidString.lowercased(),
                    data: .object(["jobId": .string(finished.id.uuidString.lowercased()), "version": .int(Int64(version))])))
            }
            return finished
        } catch is ImportFaultInjection.Abandoned {
            // As if the process died here: no cleanup, the job row says `running`.
            var abandoned = job
            abandoned.modelID = written.keys.first?.modelID ?? job.modelID
            abandoned.versionNumber = written.keys.first?.version
            return abandoned
        } catch {
            let failure = Self.failure(for: error)
            if failure.code == ImportFailure.internalError.code {
                log.error("import failed", metadata: ["error": .string(String(reflecting: error))])
            } else {
                log.notice("import refused", metadata: ["code": .string(failure.code)])
            }
            await cleanUp(written, jobID: job.id, log: log)
            try? FileManager.default.removeItem(at: item.upload.url)
            var failed = (try? await jobs.job(id: job.id, scope: .everything, creator: nil)) ?? job
            failed.status = .failed
            failed.errorCode = failure.code
            failed.modelID = item.job.modelID
            failed.versionNumber = nil
            failed.messages.append(ImportMessage(severity: .error, message: failure.message, location: failure.location,
                                                 code: failure.code))
            failed.updatedAt = Date()
            failed.finishedAt = Date()
            await write(failed, observe)
            await auditFailure(of: failed, by: item.principal, context: item.context)
            return failed
        }
    }

    /// Every attempt reaches the audit log: a failed or superseded import is recorded as
    /// `import.commit` with outcome `failure` and its error code, where a success records the commit.
    func auditFailure(of job: ImportJob, by principal: Principal?, context: AuditContext) async {
        let code = job.errorCode ?? ImportFailure.internalError.code
        let change = Change(permission: .importsCreate, action: "import.commit", objectKind: "import",
                            objectID: job.id.uuidString.lowercased(), siteID: job.siteID)
        var facts: [String: CanonicalJSON] = ["job_id": .string(job.id.uuidString.lowercased()), "error_code": .string(code),
                                              "file_name": .string(job.fileName)]
        if let modelID = job.modelID { facts["model_id"] = .string(modelID.uuidString.lowercased()) }
        await gateway.auditFailure(change, principal: principal, context: context, reason: code, after: .object(facts))
    }

    func execute(_ item: ImportWorkItem, job start: ImportJob, written: inout Written,
                 observe: (@Sendable (ImportJob) -> Void)?) async throws -> ImportJob {
        var job = start
        let scope = item.principal.scope(for: .importsCreate)
        let file = item.upload.url

        // 1. What is it (bytes, not name)?
        let format = try importer.sniff(fileAt: file)
        job.format = format
        job.phase = .parsing
        job.percent = 2
        await write(job, observe)

        // 2. Where will it land? A known model gets its next version; otherwise a provisional
        //    new model, re-keyed below if the batch turns out to re-import an existing project.
        var key: ModelVersionKey
        var existingModel: TwinModel?
        if let modelID = item.job.modelID {
            guard let model = try await twin.model(id: modelID, scope: scope) else { throw ImportFailure.modelNotFound }
            existingModel = model
            key = ModelVersionKey(modelID: model.id, version: try await jobs.reserveVersion(modelID: model.id, jobID: start.id))
        } else {
            key = ModelVersionKey(modelID: UUID(), version: 1)
        }
        written.keys.insert(key)
        job.modelID = key.modelID
        job.versionNumber = key.version
        await write(job, observe)

        // 3. Parse and classify; from then on two things at once. Documents, the original and the
        //    tiles go to MongoDB while the rows go into an open PostGIS transaction, which records
        //    the version and commits only once all of them are stored. Nothing is visible before.
        let progress = ImportProgress()
        let jobs = self.jobs
        let base = job
        async let drained = ImportProgress.drain(progress.updates, job: base) { update in
            try? await jobs.updateJob(update)
            observe?(update)
        }
        let landing = ImportHandoff<Landing>()
        let tail = ImportHandoff<Tail>()
        let stopped = ImportHandoff<Void>()
        // Whether the commit succeeded or failed (a failed COMMIT may still have committed).
        defer {
            assetCache?.invalidate()
            buildingCache?.invalidate()
        }
        async let committed = commitWhenReady(item, job: base, landing: landing, tail: tail, stopped: stopped)

        let capture = ImportCapture<IFCGeometryResult>()
        let tileSet = ImportCapture<StoreyTiler.TileSet>()
        let wantsTiles = format.isIFC && settings.writeTiles && tiler != nil
        let keepGeometry: (@Sendable (IFCGeometryResult) async throws -> Void)? = wantsTiles ? { @Sendable in capture.keep($0) } : nil
        let provisional = key
        var messages: [ImportMessage] = []
        do {
            let sink = progress.sink
            let store = documents
            let importer = self.importer
            let writesInFlight = Self.documentWritesInFlight
            let tiler = wantsTiles ? self.tiler : nil
            let land = { (raw: ImportBatch) in
                try await self.land(raw, provisional: provisional, existingModel: existingModel,
                                    requestedSite: item.job.siteID, scope: scope, jobID: start.id)
            }
            // Chunks are written on child tasks while the importer makes the next ones, with at
            // most `writesInFlight` outstanding, so memory stays bounded by a few chunks. The group
            // drains (or, on any error, cancels and awaits) every write before returning, so
            // cleanup never races one.
            //
            // The storey tiles are cut on another child as soon as the storeys are known, using the
            // document server's wait, and the tessellation is released then rather than at the end.
            let (imported, documentCount) = try await withThrowingTaskGroup(of: Int?.self) { group in
                var pending = 0
                var stored = 0
                let imported = try await importer.importFile(
                    at: file, format: format, key: provisional,
                    progress: { phase, percent in sink.yield((phase, 2 + min(max(percent, 0), 100) * 78 / 100)) },
                    geometry: keepGeometry,
                    batchReady: { raw in
                        let landed = try await land(raw)
                        landing.fulfill(landed)
                        if let tiler, let scene = capture.take() {
                            let storeys = Self.storeys(of: landed.batch)
                            group.addTask {
                                tileSet.keep(tiler.tiles(from: scene, storeys: storeys))
                                return nil
                            }
                        }
                    },
                    documents: { chunk in
                        guard !chunk.isEmpty else { return }
                        // The transaction already failed: stop making documents nobody will see.
                        if stopped.isSettled { throw CancellationError() }
                        while pending >= writesInFlight, let done = try await group.next() {
                            guard let done else { continue }
                            stored += done
                            pending -= 1
                        }
                        group.addTask { try await store.storeEntities(chunk) }
                        pending += 1
                    })
                for try await done in group { stored += done ?? 0 }
                return (imported, stored)
            }
            // An importer that never announced its batch lands it now.
            if !landing.isSettled { landing.fulfill(try await land(imported)) }
            let landed = try await landing.value
            progress.sink.finish()
            job = await drained
            try inject(.afterDocuments)

            // 4. Re-import of a known project? Move the documents under that model's next version.
            key = landed.key
            if key != provisional {
                written.keys.insert(key)
                try await documents.moveEntities(from: provisional, to: key)
                written.keys.remove(provisional)
            }
            job.modelID = key.modelID
            job.versionNumber = key.version
            job.siteID = landed.siteID
            job.phase = .documents
            job.percent = 82
            await write(job, observe)

            // 5. The original, byte-identical, and the storey tiles.
            let original = try await documents.putFile(contentsOf: file, descriptor: StoredFileDescriptor(
                key: key, kind: .original, filename: job.fileName, contentType: Self.contentType(of: format)))
            written.fileIDs.append(original.id)
            messages = landed.batch.messages
            if wantsTiles, let tiler {
                job.phase = .geometry
                job.percent = 85
                await write(job, observe)
                // Cut while documents were written, or now for an importer that never announced its batch.
                if let tiles = tileSet.take() ?? capture.take().map({ tiler.tiles(from: $0, storeys: Self.storeys(of: landed.batch)) }) {
                    for tile in tiles.tiles {
                        let stored = try await documents.putFile(Data(tile.data), descriptor: StoredFileDescriptor(
                            key: key, kind: .glbTile, filename: "\(tile.tileKey).glb", contentType: GeometryResponse.glbContentType,
                            tileKey: tile.tileKey))
                        written.fileIDs.append(stored.id)
                    }
                    let index = try await documents.putFile(tiles.indexJSON(), descriptor: StoredFileDescriptor(
                        key: key, kind: .derived, filename: "tiles.json", contentType: "application/json",
                        tileKey: TileIndex.tileKey))
                    written.fileIDs.append(index.id)
                } else {
                    messages.append(ImportMessage(severity: .info,
                                                  message: "Storey tiles were not made during the import; they are made on first request.",
                                                  code: "geometry.deferred"))
                }
            }
            try inject(.beforeCommit)

            // 6. Commit: the only step that makes anything visible.
            job.phase = .committing
            job.percent = 92
            await write(job, observe)
            tail.fulfill(Tail(completion: ImportCompletion(fingerprints: imported.fingerprints, originalFileID: original.id),
                              documentCount: documentCount))
        } catch {
            landing.fail(error)
            tail.fail(error)
            progress.sink.finish()
            _ = await drained
            // When the transaction failed first, its error says why (this one is only the stop).
            if stopped.isSettled { _ = try await committed }
            throw error
        }
        let result = try await committed

        job.status = .succeeded
        job.phase = .done
        job.percent = 100
        job.siteID = result.model.siteID
        job.modelID = result.model.id
        job.versionNumber = result.version.number
        let warnings = messages.filter { $0.severity != .info }
        job.warningCount = messages.filter { $0.severity == .warning }.count
        job.messages = Array(messages.filter { $0.severity == .error } + warnings.filter { $0.severity == .warning }.prefix(50))
        job.updatedAt = Date()
        job.finishedAt = Date()
        return job
    }

    /// The storeys tiles are cut for: IFC floors, by GlobalId.
    static func storeys(of batch: ImportBatch) -> [(globalID: String, name: String?)] {
        batch.floors.compactMap { floor in floor.source.ifcGlobalID.map { (globalID: $0, name: Optional(floor.name)) } }
    }

    /// Where an import's rows land, decided as soon as its batch is known.
    struct Landing: Sendable {
        var batch: ImportBatch
        var key: ModelVersionKey
        var existingModel: TwinModel?
        var siteID: UUID?
    }

    /// What the end of an import hands to its open transaction.
    struct Tail: Sendable {
        var completion: ImportCompletion
        var documentCount: Int
    }

    /// Validates the batch and decides its model: the requested one, a known project's (a re-import
    /// becomes that model's next version), or a new one under the provisional key.
    func land(_ raw: ImportBatch, provisional: ModelVersionKey, existingModel: TwinModel?, requestedSite: UUID?,
              scope: AccessScope, jobID: UUID) async throws -> Landing {
        // The store's constraints refuse impossible states; repairing them here (with a message
        // per repair) keeps one bad row from failing the whole import.
        let batch = raw.validated()
        if existingModel == nil,
           let model = try await twin.model(projectKey: batch.projectKey, scope: scope),
           requestedSite == nil || requestedSite == model.siteID {
            let version = try await jobs.reserveVersion(modelID: model.id, jobID: jobID)
            return Landing(batch: batch, key: ModelVersionKey(modelID: model.id, version: version),
                           existingModel: model, siteID: model.siteID)
        }
        return Landing(batch: batch, key: provisional, existingModel: existingModel,
                       siteID: requestedSite ?? existingModel?.siteID)
    }

    /// The PostGIS side of an import: waits for the landing, writes the rows in one audited
    /// transaction, then waits for the tail before recording the version and committing. A failure
    /// of either side rolls the transaction back; its own failure settles `stopped`.
    func commitWhenReady(_ item: ImportWorkItem, job: ImportJob, landing: ImportHandoff<Landing>,
                         tail: ImportHandoff<Tail>, stopped: ImportHandoff<Void>) async throws -> ImportCommitResult {
        do {
            let landed = try await landing.value
            let siteID = landed.siteID
            let target = ImportTarget(jobID: job.id, modelID: landed.existingModel?.id, newModelID: landed.key.modelID,
                                      siteID: siteID, versionNumber: landed.key.version, sourceFileName: job.fileName,
                                      sourceSHA256: item.upload.sha256, sourceSize: item.upload.size,
                                      importedBy: item.principal.name)
            let change = Change(permission: .importsCreate, action: "import.commit", objectKind: "model",
                                objectID: landed.key.modelID.uuidString.lowercased(), siteID: siteID)
            return try await gateway.perform(change, by: item.principal, context: item.context) { tx, changeScope in
                // A new site needs a global grant; an existing one must still be in scope.
                try changeScope.require(siteID: siteID)
                let result = try await tx.commitImport(landed.batch, target: target) { try await tail.value.completion }
                try changeScope.require(siteID: result.model.siteID)
                let documents = try await tail.value.documentCount
                return ChangeResult(result, objectID: result.model.id.uuidString.lowercased(), siteID: result.model.siteID,
                                    after: Self.auditSummary(result, job: job, documents: documents))
            }
        } catch {
            stopped.fulfill(())
            throw error
        }
    }

    /// Document chunks being written while the importer makes the next one.
    static let documentWritesInFlight = 2

    func inject(_ point: ImportFaultInjection.Point) throws {
        guard let fault = settings.faultInjection, fault.point == point else { return }
        switch fault.effect {
        case .fail: throw ImportFaultInjection.injected
        case .abandon: throw ImportFaultInjection.Abandoned()
        }
    }

    func write(_ job: ImportJob, _ observe: (@Sendable (ImportJob) -> Void)?) async {
        do {
            try await jobs.updateJob(job)
        } catch {
            logger.warning("import job update failed", metadata: ["job": .string(job.id.uuidString.lowercased())])
        }
        observe?(job)
    }

    /// Deletes what a failed attempt wrote, unless that version was committed after all, then gives
    /// back the job's version number: only then, so another job given that number never finds
    /// these documents, nor loses its own to this cleanup.
    func cleanUp(_ written: Written, jobID: UUID, log: Logger) async {
        for key in written.keys {
            if let committed = try? await twin.version(modelID: key.modelID, number: key.version, scope: .everything),
               committed.number == key.version {
                continue
            }
            do {
                try await documents.deleteEntities(in: key)
                for file in try await documents.files(in: key, kind: nil) {
                    try? await documents.deleteFile(id: file.id)
                }
            } catch {
                log.error("import cleanup failed", metadata: [
                    "model": .string(key.modelID.uuidString.lowercased()), "version": .stringConvertible(key.version),
                ])
            }
        }
        for id in written.fileIDs {
            try? await documents.deleteFile(id: id)
        }
        try? await jobs.releaseVersion(jobID: jobID)
    }

    static func failure(for error: any Error) -> ImportFailure {
        switch error {
        case let failure as ImportFailure:
            return failure
        case let failure as any ImportFailureConvertible:
            return failure.importFailure
        case SecurityError.forbidden, SecurityError.notFound:
            return ImportFailure(code: "import.forbidden", message: "You may not import into this site.")
        case RepositoryError.conflict(rule: "version.exists"):
            return .superseded
        case RepositoryError.conflict(rule: "import.job-settled"):
            return .interrupted
        case RepositoryError.conflict(let rule), RepositoryError.constraintViolated(let rule):
            return ImportFailure(code: "import.conflict", message: "The model breaks a data rule (\(rule)).")
        default:
            return .internalError
        }
    }

    static func contentType(of format: ImportFormat) -> String {
        switch format {
        case .ifcSTEP: "application/x-step"
        case .ifcZIP: "application/zip"
        case .ifcGzip: "application/gzip"
        case .cobieXLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .cobieSpreadsheetML: "application/xml"
        }
    }

    static func auditSummary(_ result: ImportCommitResult, job: ImportJob, documents: Int) -> CanonicalJSON {
        var counts: [String: CanonicalJSON] = [:]
        for (name, count) in result.version.counts { counts[name] = .int(Int64(count)) }
        var diff: [String: CanonicalJSON] = [:]
        for (name, count) in result.version.diffSummary { diff[name] = .int(Int64(count)) }
        return .object([
            "job_id": .string(job.id.uuidString.lowercased()),
            "version": .int(Int64(result.version.number)),
            "file_name": .string(job.fileName),
            "sha256": .string(result.version.sourceSHA256),
            "documents": .int(Int64(documents)),
            "counts": .object(counts),
            "diff": .object(diff),
            "inserted": .int(Int64(result.inserted)),
            "updated": .int(Int64(result.updated)),
            "retired": .int(Int64(result.retired)),
        ])
    }
}
