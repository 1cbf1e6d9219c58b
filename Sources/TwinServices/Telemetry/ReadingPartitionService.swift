import Foundation
import Logging
import ServiceLifecycle
import TwinDomain

/// Keeps the readings tables' daily partitions a week ahead and drops those past retention
/// (`ATRIUM_READINGS_RETENTION`), hourly. Retention is always a partition drop, never a DELETE.
public struct ReadingPartitionService: Service {
    let repository: any TelemetryRepository
    let retention: Duration
    let logger: Logger
    var interval: Duration = .seconds(3600)

    public init(repository: any TelemetryRepository, retention: Duration, logger: Logger) {
        self.repository = repository
        self.retention = retention
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled {
            do {
                try await maintain()
            } catch {
                logger.warning("readings partition maintenance failed; retrying", metadata: ["error": .string(String(describing: error))])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    /// One pass: create yesterday … a week ahead, drop what is wholly older than retention.
    @discardableResult
    public func maintain(now: Date = Date()) async throws -> (created: Int, dropped: Int) {
        let created = try await repository.ensureReadingPartitions(from: now.addingTimeInterval(-86_400),
                                                                   through: now.addingTimeInterval(7 * 86_400))
        let keepFrom = now.addingTimeInterval(-Double(retention.components.seconds))
        let dropped = try await repository.dropReadingPartitions(before: keepFrom)
        if created > 0 || dropped > 0 {
            logger.info("readings partitions maintained", metadata: ["created": .string(String(created)), "dropped": .string(String(dropped))])
        }
        return (created, dropped)
    }
}
