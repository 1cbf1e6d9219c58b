import Foundation
import Logging
import TwinDomain

/// Accepts uploads as import jobs and lets callers follow them.
///
/// Submitting is authorized and audited (`import.create`) through the ``ChangeGateway``; the
/// heavy work happens later in the ``ImportPipeline`` run by the ``ImportWorker``.
public struct ImportService: Sendable {
    let twin: any TwinRepository
    let jobs: any ImportJobRepository
    let gateway: ChangeGateway<any TwinTransaction>
    let queue: ImportQueue
    public let settings: ImportSettings
    /// Decides the upload's format before a job exists (only its `sniff` is used here).
    let importer: any ModelFileImporter
    let logger: Logger

    public init(twin: any TwinRepository, jobs: any ImportJobRepository, queue: ImportQueue, settings: ImportSettings,
                importer: any ModelFileImporter = TwinFileImporter(), logger: Logger) {
        self.twin = twin
        self.importer = importer
        self.jobs = jobs
        self.gateway = ChangeGateway(store: TwinAuditedStore(base: twin), logger: logger)
        self.queue = queue
        self.settings = settings
        self.logger = logger
    }

    /// Creates a queued job for an upload and hands it to the worker. The staged file is moved
    /// into the staging directory (the job owns it now) or deleted if the submit is refused.
    public func submit(stagedFile: StagedUpload, fileName: String, siteID: UUID?, modelID: UUID?,
                       principal: Principal, context: AuditContext) async throws -> ImportJob {
        let jobID = UUID()
        do {
            try queue.waiting.admit(jobID, owner: principal.kind == .system ? nil : principal.reference, bytes: stagedFile.size,
                                    maxJobs: settings.maxQueuedJobs, quota: settings.stagedBytesPerPrincipal)
        } catch {
            try? FileManager.default.removeItem(at: stagedFile.url)
            switch error {
            case .queueFull: throw ImportFailure.queueFull
            case .quotaExceeded: throw ImportFailure.quotaExceeded(quota: settings.stagedBytesPerPrincipal)
            }
        }
        do {
            let item = try await accept(stagedFile: stagedFile, fileName: fileName, siteID: siteID, modelID: modelID,
                                        principal: principal, context: context, jobID: jobID)
            queue.enqueue(item)
            return item.job
        } catch {
            queue.waiting.remove(jobID)
            throw error
        }
    }

    /// Refuses an upload from its first bytes (``ModelFileImporter/checkHead(_:complete:)``), as
    /// the ``ImportFailure`` the API answers with.
    public func checkHead(_ head: [UInt8], complete: Bool) throws {
        do {
            try importer.checkHead(head, complete: complete)
        } catch let failure as any ImportFailureConvertible {
            throw failure.importFailure
        }
    }

    /// `submit` without the queue: for `atrium import`, which runs the pipeline itself.
    public func accept(stagedFile: StagedUpload, fileName: String, siteID: UUID?, modelID: UUID?,
                       principal: Principal, context: AuditContext, jobID: UUID = UUID()) async throws -> ImportWorkItem {
        var staged = stagedFile
        do {
            guard staged.size <= settings.maxBytes else { throw ImportFailure.tooLarge(limit: settings.maxBytes) }
            guard staged.size > 0 else { throw ImportFailure.empty }
            // What the bytes are not (empty, an unknown kind, a zip bomb) is refused now, before a
            // job exists; what needs parsing to find (a truncated file, a bad workbook) fails the job.
            do {
                _ = try importer.sniff(fileAt: staged.url)
            } catch let failure as any ImportFailureConvertible {
                throw failure.importFailure
            }
            let scope = principal.scope(for: .importsCreate)
            var targetSite = siteID
            if let modelID {
                guard let model = try await twin.model(id: modelID, scope: scope) else { throw ImportFailure.modelNotFound }
                if let siteID, siteID != model.siteID { throw ImportFailure.modelSiteMismatch }
                targetSite = model.siteID
            } else if let siteID, !scope.isEmpty, scope.contains(siteID: siteID) {
                guard try await twin.site(id: siteID, scope: scope) != nil else { throw ImportFailure.siteNotFound }
            }
            let job = ImportJob(id: jobID, fileName: Self.displayName(fileName), sizeBytes: staged.size,
                                siteID: targetSite, modelID: modelID, createdBy: principal.name,
                                creator: principal.reference)
            let change = Change(permission: .importsCreate, action: "import.create", objectKind: "import",
                                objectID: jobID.uuidString.lowercased(), siteID: targetSite)
            let destination = settings.stagedFile(for: jobID)
            try Self.move(staged.url, to: destination)
            staged.url = destination
            let jobs = self.jobs
            try await gateway.perform(change, by: principal, context: context) { _, _ in
                try await jobs.insertJob(job)
                return ChangeResult(job, after: .object([
                    "file_name": .string(job.fileName), "size": .int(job.sizeBytes), "sha256": .string(staged.sha256),
                    "model_id": modelID.map { .string($0.uuidString.lowercased()) } ?? .null,
                ]))
            }
            return ImportWorkItem(job: job, upload: staged, principal: principal, context: context)
        } catch {
            try? FileManager.default.removeItem(at: staged.url)
            throw error
        }
    }

    /// A job the caller may see (its own, or one in its import scope); nil looks like missing.
    public func job(id: UUID, principal: Principal) async throws -> ImportJob? {
        try await jobs.job(id: id, scope: principal.scope(for: .importsCreate), creator: principal.reference)
    }

    public func jobs(page: PageRequest, principal: Principal) async throws -> Page<ImportJob> {
        try await jobs.jobs(page: page, scope: principal.scope(for: .importsCreate), creator: principal.reference)
    }

    /// The client's file name is only a label: path parts and control characters are dropped.
    static func displayName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
        let trimmed = cleaned.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "upload" : String(trimmed.prefix(255))
    }

    static func move(_ source: URL, to destination: URL) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? manager.removeItem(at: destination)
            do {
                try manager.moveItem(at: source, to: destination)
            } catch {
                // Another file system: copy, then drop the original.
                try manager.copyItem(at: source, to: destination)
                try? manager.removeItem(at: source)
            }
        } catch {
            throw ImportFailure(code: "import.staging", message: "The upload could not be staged for import.")
        }
    }
}
