import Foundation
import Glibc
import Synchronization
import Testing
@testable import DurableSpool

@Suite("DurableSpool concurrency and group commit")
struct SpoolConcurrencyTests {
    /// Eight tasks append interleaved batches and wait for each: every record lands exactly once,
    /// each task's records keep their order, and syncs are shared between waiters.
    @Test func concurrentDurableAppends() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = testOptions(segmentSize: 16 << 10)
        // A slow disk, so that waiters pile up behind each sync as they do in production.
        options.faults.beforeGroupSync = { usleep(2_000) }
        let spool = try DurableSpool(directory: directory, options: options)
        let tasks = 8
        let batches = 60
        let perBatch = 10
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for batch in 0..<batches {
                        let payloads = (0..<perBatch).map { item -> [UInt8] in
                            [UInt8(task)] + withUnsafeBytes(of: UInt32(batch * perBatch + item).littleEndian) { Array($0) }
                        }
                        let ticket = try spool.append(contentsOf: payloads)
                        try await spool.waitUntilDurable(ticket)
                        #expect(spool.durableThrough >= ticket.lastSequence)
                    }
                }
            }
            try await group.waitForAll()
        }
        let records = try readAll(spool)
        #expect(records.count == tasks * batches * perBatch)
        #expect(records.map(\.sequence) == Array(1...UInt64(records.count)))
        var nextIndex = [UInt32](repeating: 0, count: tasks)
        for record in records {
            let task = Int(record.payload[0])
            let index = record.payload[1...].withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
            #expect(index == nextIndex[task], "task \(task) out of order")
            nextIndex[task] = index + 1
        }
        #expect(nextIndex == [UInt32](repeating: UInt32(batches * perBatch), count: tasks))
        let stats = spool.stats
        #expect(stats.appendCalls == UInt64(tasks * batches))
        #expect(stats.records == UInt64(records.count))
        #expect(stats.groupSyncs * 2 <= stats.appendCalls, "\(stats)")
        try spool.close()
    }

    /// Without a simulated slow disk the grouping depends on timing; only sanity is checked.
    @Test func concurrentDurableAppendsOnRealDisk() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = try DurableSpool(directory: directory, options: testOptions())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<50 {
                        let ticket = try spool.append([UInt8(task), UInt8(index)])
                        try await spool.waitUntilDurable(ticket)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try readAll(spool).count == 400)
        #expect(spool.stats.groupSyncs <= spool.stats.appendCalls)
        try spool.close()
    }

    /// Plain threads (like libmosquitto's callback thread) append and block for durability.
    @Test func blockingWaitersOnPlainThreads() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = try DurableSpool(directory: directory, options: testOptions(segmentSize: 4096))
        let tickets = Collected<SpoolTicket>()
        let errors = Collected<String>()
        let done = DispatchSemaphore(value: 0)
        let threads = 4
        for thread in 0..<threads {
            let worker = Thread {
                do {
                    for index in 0..<200 {
                        let ticket = try spool.append([UInt8(thread), UInt8(index % 256)])
                        if index % 10 == 9 { try spool.waitUntilDurableBlocking(ticket) }
                        tickets.append(ticket)
                    }
                } catch {
                    errors.append("\(error)")
                }
                done.signal()
            }
            worker.start()
        }
        for _ in 0..<threads { done.wait() }
        #expect(errors.values.isEmpty)
        #expect(Set(tickets.values.map(\.lastSequence)).count == threads * 200)
        #expect(try readAll(spool).count == threads * 200)
        try spool.close()
    }

    /// Unsynced writes are synced within the commit interval even when nobody waits.
    @Test func commitIntervalSyncsWithoutWaiters() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = try DurableSpool(directory: directory, options: testOptions())
        let ticket = try spool.append([1, 2, 3])
        var polls = 0
        // Generous bound: the interval is 2 ms; this allows 20 s.
        while spool.durableThrough < ticket.lastSequence && polls < 4000 {
            usleep(5_000)
            polls += 1
        }
        #expect(spool.durableThrough >= ticket.lastSequence)
        #expect(spool.stats.groupSyncs >= 1)
        try spool.close()
    }

    @Test func cancellingAWaitEndsIt() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let gate = DispatchSemaphore(value: 0)
        let blocked = Mutex(true)
        var options = testOptions()
        options.faults.beforeGroupSync = { if blocked.withLock({ $0 }) { gate.wait() } }
        let spool = try DurableSpool(directory: directory, options: options)
        let ticket = try spool.append([1])
        let waiter = Task { try await spool.waitUntilDurable(ticket) }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        blocked.withLock { $0 = false }
        gate.signal()
        try await spool.waitUntilDurable(ticket)
        try spool.close()
    }

    @Test func waitingOnUnknownTicketFails() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = try DurableSpool(directory: directory, options: testOptions())
        try spool.append([1])
        await #expect(throws: SpoolError.sequenceNotAssigned(requested: 5, lastAssigned: 1)) {
            try await spool.waitUntilDurable(SpoolTicket(lastSequence: 5, recordCount: 1))
        }
        try spool.close()
        // Durable before close, so still fine afterwards.
        try await spool.waitUntilDurable(SpoolTicket(lastSequence: 1, recordCount: 1))
    }
}
