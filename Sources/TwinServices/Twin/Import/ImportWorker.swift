import Foundation
import Logging
import ServiceLifecycle
import TwinDomain

/// Runs queued imports one at a time (two cores: one import saturates them) for the lifetime
/// of the server.
///
/// Before taking new work it creates the document indexes; then, while it runs, it renews the
/// leases of the jobs waiting in its queue and sweeps for jobs whose lease lapsed (their process
/// is gone): those are failed as interrupted, and the documents and files of their
/// never-committed versions are deleted. A command-line import running in another process keeps
/// its own lease and is left alone. On graceful shutdown the running import finishes; queued ones
/// are swept once their leases lapse.
public struct ImportWorker: Service {
    let pipeline: ImportPipeline
    let queue: ImportQueue
    let logger: Logger

    public init(pipeline: ImportPipeline, queue: ImportQueue, logger: Logger) {
        self.pipeline = pipeline
        self.queue = queue
        self.logger = logger
    }

    public func run() async throws {
        // The stores may still be starting (or down): keep trying until they answer or we stop.
        while true {
            do {
                try await pipeline.documents.ensureIndexes()
                try await recoverInterrupted()
                break
            } catch {
                logger.warning("import worker start-up failed; retrying in 5 s",
                               metadata: ["error": .string(String(describing: type(of: error)))])
                do {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(5)) }
                } catch {
                    return  // stopping before the stores ever answered
                }
            }
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.maintainLeases() }
            for await item in queue.stream.cancelOnGracefulShutdown() {
                queue.waiting.remove(item.job.id)
                await pipeline.run(item)
            }
            group.cancelAll()
        }
    }

    /// Renews the leases of queued jobs, and sweeps for jobs whose owner is gone (this process's
    /// predecessor, a crashed `atrium import`, another server), until cancelled.
    func maintainLeases() async {
        let settings = pipeline.settings
        var sinceSweep = Duration.zero
        while (try? await Task.sleep(for: settings.leaseRenewal)) != nil {
            try? await pipeline.jobs.renewJobLeases(ids: queue.waiting.snapshot)
            sinceSweep += settings.leaseRenewal
            if sinceSweep >= settings.leaseTimeout / 2 {
                sinceSweep = .zero
                do {
                    try await recoverInterrupted()
                } catch {
                    logger.warning("import recovery sweep failed", metadata: ["error": .string(String(describing: type(of: error)))])
                }
            }
        }
    }

    /// Fails jobs whose lease lapsed (default: the configured timeout) and removes their orphans;
    /// returns how many jobs were settled.
    @discardableResult
    public func recoverInterrupted(silentFor silence: Duration? = nil) async throws -> Int {
        let interrupted = try await pipeline.jobs.failInterruptedJobs(silentFor: silence ?? pipeline.settings.leaseTimeout)
        for var job in interrupted {
            try? FileManager.default.removeItem(at: pipeline.settings.stagedFile(for: job.id))
            let key = job.modelID.flatMap { modelID in job.versionNumber.map { ModelVersionKey(modelID: modelID, version: $0) } }
            await pipeline.cleanUp(ImportPipeline.Written(keys: key.map { [$0] } ?? []), jobID: job.id, log: logger)
            if let key {
                // The version number was reserved, never created.
                let committed = try? await pipeline.twin.version(modelID: key.modelID, number: key.version, scope: .everything)
                if committed == nil {
                    job.versionNumber = nil
                    if (try? await pipeline.twin.model(id: key.modelID, scope: .everything)) == nil { job.modelID = nil }
                    try? await pipeline.jobs.updateJob(job)
                }
            }
            // Its submitter's request is long gone: the recovery sweep is the actor.
            await pipeline.auditFailure(of: job, by: Principal.system(name: "import-recovery"), context: AuditContext())
        }
        if !interrupted.isEmpty {
            logger.notice("interrupted imports failed", metadata: ["count": "\(interrupted.count)"])
        }
        return interrupted.count
    }
}
