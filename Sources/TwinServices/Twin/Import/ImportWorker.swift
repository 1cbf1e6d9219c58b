import Foundation
import Logging
import ServiceLifecycle
import TwinDomain

/// Runs queued imports one at a time (two cores: one import saturates them) for the lifetime
/// of the server.
///
/// Before taking new work it creates the document indexes and settles what the previous process left: jobs still queued or
/// running are failed as interrupted, and the documents and files of their never-committed
/// versions are deleted. On graceful shutdown the running import finishes; queued ones wait for
/// the next start-up's settlement.
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
        for await item in queue.stream.cancelOnGracefulShutdown() {
            await pipeline.run(item)
        }
    }

    /// Fails interrupted jobs and removes their orphans; returns how many jobs were settled.
    @discardableResult
    public func recoverInterrupted() async throws -> Int {
        let interrupted = try await pipeline.jobs.failInterruptedJobs()
        for var job in interrupted {
            try? FileManager.default.removeItem(at: pipeline.settings.stagedFile(for: job.id))
            if let modelID = job.modelID, let version = job.versionNumber {
                await pipeline.cleanUp(ImportPipeline.Written(keys: [ModelVersionKey(modelID: modelID, version: version)]),
                                       log: logger)
                // The version number was reserved, never created.
                let committed = try? await pipeline.twin.version(modelID: modelID, number: version, scope: .everything)
                if committed == nil {
                    job.versionNumber = nil
                    if (try? await pipeline.twin.model(id: modelID, scope: .everything)) == nil { job.modelID = nil }
                    try? await pipeline.jobs.updateJob(job)
                }
            }
        }
        if !interrupted.isEmpty {
            logger.notice("interrupted imports failed at start-up", metadata: ["count": "\(interrupted.count)"])
        }
        return interrupted.count
    }
}
