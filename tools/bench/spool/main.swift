// Throughput of the spool on this machine. Run in release: swift run -c release spool-bench
//
//   batched durable   8 tasks, each appending 1,000 x 24-byte records then awaiting durability
//   single appends    one record per append (the MQTT path: written to the kernel, no wait)
//   drain reads       read(after:) in batches of 10,000 plus markDrained, over everything above
import DurableSpool
import Foundation

@main
struct SpoolBench {
    static func main() async throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("spool-bench-\(UUID().uuidString.lowercased())")
        defer { try? FileManager.default.removeItem(at: root) }
        var options = SpoolOptions()
        options.maxBytes = 8 << 30
        let spool = try DurableSpool(directory: root, options: options)
        let payload = [UInt8](repeating: 0xA5, count: 24)

        // Batched appends with durable waits from 8 concurrent tasks.
        let tasks = 8
        let batchesPerTask = 500
        let batch = [[UInt8]](repeating: payload, count: 1_000)
        let before = spool.stats
        let clock = ContinuousClock()
        let batchedTime = try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<tasks {
                    group.addTask {
                        for _ in 0..<batchesPerTask {
                            let ticket = try spool.append(contentsOf: batch)
                            try await spool.waitUntilDurable(ticket)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        let batchedRecords = tasks * batchesPerTask * batch.count
        let afterBatched = spool.stats
        report(
            "batched durable (8 tasks x 1000 x 24 B)", records: batchedRecords, time: batchedTime,
            extra: "\(afterBatched.appendCalls - before.appendCalls) appends, "
                + "\(afterBatched.groupSyncs - before.groupSyncs) group syncs, \(afterBatched.fsyncs - before.fsyncs) fsyncs"
        )

        // Single-record appends, no wait.
        let singles = 2_000_000
        let singleTime = try clock.measure {
            for _ in 0..<singles { try spool.append(payload) }
        }
        report("single appends (24 B, no wait)", records: singles, time: singleTime, extra: "")

        // Single-record appends from two threads at once.
        let perThread = 1_000_000
        let threadedTime = try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 {
                    group.addTask { for _ in 0..<perThread { try spool.append(payload) } }
                }
                try await group.waitForAll()
            }
        }
        report("single appends, 2 threads", records: 2 * perThread, time: threadedTime, extra: "")

        // Drain everything.
        let total = spool.backlog.records
        var drained = 0
        let drainTime = try clock.measure {
            var cursor = spool.drainedThrough
            while true {
                let records = try spool.read(after: cursor, maxRecords: 10_000, maxBytes: 4 << 20)
                guard let last = records.last else { break }
                drained += records.count
                cursor = last.sequence
                try spool.markDrained(through: cursor)
            }
        }
        precondition(UInt64(drained) == total, "drained \(drained) of \(total)")
        report("drain reads (10,000 per read)", records: drained, time: drainTime, extra: "")
        try spool.close()
    }

    static func report(_ name: String, records: Int, time: Duration, extra: String) {
        let seconds = Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18
        let rate = Double(records) / seconds
        let line = "\(name): \(records) records in \(String(format: "%.3f", seconds)) s = "
            + "\(String(format: "%.0f", rate)) records/s" + (extra.isEmpty ? "" : " (\(extra))")
        print(line)
    }
}
