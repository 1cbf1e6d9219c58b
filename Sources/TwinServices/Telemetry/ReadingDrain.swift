import DurableSpool
import Foundation
import Logging
import ServiceLifecycle
import TwinDomain

/// Moves spooled readings to PostgreSQL in spool order, for the life of the server.
///
/// A batch is marked drained only after its transaction committed; if PostgreSQL is down the same
/// batch is retried with backoff (1 s doubling to 30 s) while ingest keeps spooling. After a crash
/// the spool's cursor may lag the database by up to a cursor sync interval: those readings are
/// inserted again and the store's (point, time) key absorbs them, so nothing is lost or doubled.
public struct ReadingDrain: Service {
    let spool: DurableSpool
    let repository: any TelemetryRepository
    let logger: Logger
    /// Readings per spool batch at most.
    var batchReadings = 100_000
    /// Concurrent transactions per batch, each for the readings of a disjoint set of points
    /// (point key modulo this): they never touch the same rollup or latest row, so they neither
    /// wait for nor deadlock with each other, and PostgreSQL uses more than one core.
    var shards = 2
    var idlePoll: Duration = .milliseconds(50)
    /// Told after each committed batch (the alarm engine).
    let observer: (any ReadingObserver)?

    public init(spool: DurableSpool, repository: any TelemetryRepository, observer: (any ReadingObserver)? = nil, logger: Logger) {
        self.spool = spool
        self.repository = repository
        self.observer = observer
        self.logger = logger
    }

    public func run() async throws {
        var backoff = Duration.seconds(1)
        while !Task.isCancelledOrShuttingDown {
            do {
                if try await drainOnce() == 0 {
                    try await Task.sleep(for: idlePoll)
                }
                backoff = .seconds(1)
            } catch is CancellationError {
                return
            } catch {
                logger.warning("readings drain paused: the store refused a batch; retrying",
                               metadata: ["error": .string(String(describing: error)), "retry_s": .string("\(backoff.components.seconds)")])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(30))
            }
        }
        // Graceful shutdown: one last pass so an orderly stop leaves nothing behind.
        _ = try? await drainOnce()
    }

    /// Drains what the spool holds now, one transaction per batch; returns the readings moved.
    @discardableResult
    public func drainOnce() async throws -> Int {
        var moved = 0
        while true {
            // A record holds 1 reading (an MQTT message) to 20,000 (an HTTP batch): the byte
            // budget bounds the readings per transaction, whatever the records' sizes.
            let records = try spool.read(after: spool.drainedThrough, maxRecords: batchReadings,
                                         maxBytes: batchReadings * ReadingRecord.size)
            guard let last = records.last else { return moved }
            var readings: [Reading] = []
            for record in records {
                guard let decoded = ReadingRecord.readings(in: record.payload) else {
                    logger.error("readings spool record of an unknown shape skipped", metadata: ["sequence": .string(String(record.sequence))])
                    continue
                }
                readings += decoded
            }
            try await insert(readings)
            // Before the batch counts as drained, so a crash in between evaluates it again after
            // the restart (at least once; the engine ignores readings it has already seen).
            await observer?.readingsCommitted(readings)
            // Only once every shard committed; a failure retries the whole batch (idempotent).
            try spool.markDrained(through: last.sequence)
            moved += readings.count
        }
    }

    private func insert(_ readings: [Reading]) async throws {
        guard shards > 1, readings.count >= 2_000 else {
            _ = try await repository.insertReadings(readings)
            return
        }
        var parts = [[Reading]](repeating: [], count: shards)
        for index in parts.indices { parts[index].reserveCapacity(readings.count / shards + 1) }
        for reading in readings { parts[Int(UInt64(bitPattern: reading.pointKey) % UInt64(shards))].append(reading) }
        // The days' partitions first, once: two transactions creating one would collide.
        var first = Int64.max, last = Int64.min
        for reading in readings {
            first = min(first, reading.timeMicros)
            last = max(last, reading.timeMicros)
        }
        _ = try await repository.ensureReadingPartitions(from: Date(timeIntervalSince1970: Double(first) / 1e6),
                                                         through: Date(timeIntervalSince1970: Double(last) / 1e6))
        let repository = repository
        try await withThrowingTaskGroup(of: Void.self) { group in
            for part in parts where !part.isEmpty {
                group.addTask { _ = try await repository.insertReadings(part) }
            }
            try await group.waitForAll()
        }
    }
}

extension Task where Success == Never, Failure == Never {
    /// Cancelled, or the service group began a graceful shutdown.
    static var isCancelledOrShuttingDown: Bool { isCancelled || isShuttingDownGracefully }
}
