import Foundation
import Glibc
import Synchronization
import Testing
@testable import DurableSpool

@Suite("DurableSpool quota and write failures")
struct SpoolQuotaTests {
    @Test func fullIsAllOrNothingAndClearsAfterDraining() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = testOptions(segmentSize: 1024, maxBytes: 4096)
        let spool = try DurableSpool(directory: directory, options: options)
        let batch = (0..<10).map { samplePayload($0, length: 24) }  // 10 x 40 bytes
        var accepted = 0
        var failure: SpoolError?
        for _ in 0..<100 {
            do {
                try spool.append(contentsOf: batch)
                accepted += batch.count
            } catch {
                failure = error
                break
            }
        }
        guard case .full(let requested, let used, let quota) = try #require(failure) else {
            Issue.record("expected .full, got \(String(describing: failure))")
            return
        }
        #expect(quota == 4096)
        #expect(used <= quota && used + requested > quota)
        #expect(used == spool.backlog.bytes)
        #expect(spool.lastSequence == UInt64(accepted))
        #expect(spool.stats.fullRejections == 1)
        #expect(try readAll(spool).count == accepted)
        // Single records still fit into the space a whole batch did not.
        #expect(throws: SpoolError.self) { try spool.append(contentsOf: batch) }
        #expect(throws: SpoolError.self) { try spool.append(contentsOf: [[UInt8](repeating: 0, count: 5000)]) }

        let all = try readAll(spool)
        try spool.markDrained(through: all.last!.sequence)
        #expect(spool.backlog == SpoolBacklog(records: 0, bytes: 0))
        let ticket = try spool.append(contentsOf: batch)
        #expect(ticket.firstSequence == UInt64(accepted) + 1)
        // The quota can be used again in full.
        var refilled = batch.count
        while (try? spool.append(contentsOf: batch)) != nil { refilled += batch.count }
        #expect(refilled >= accepted - batch.count)
        try spool.close()

        let reopened = try DurableSpool(directory: directory, options: options)
        #expect(reopened.recoveryReport.isClean)
        #expect(try readAll(reopened, after: reopened.drainedThrough).count == refilled)
        try reopened.close()
    }

    @Test func oversizedRecordIsRejectedWhole() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = testOptions()
        options.maxRecordBytes = 100
        let spool = try DurableSpool(directory: directory, options: options)
        #expect(throws: SpoolError.recordTooLarge(index: 2, bytes: 101, limit: 100)) {
            try spool.append(contentsOf: [[1], [2], [UInt8](repeating: 3, count: 101)])
        }
        #expect(spool.lastSequence == 0)
        #expect(try spool.append([UInt8](repeating: 3, count: 100)).lastSequence == 1)
        try spool.close()
    }

    /// ENOSPC after part of the batch reached the file: the part is cut off again, the error is
    /// `.diskFull`, and the log stays valid and usable.
    @Test func diskFullWriteIsRolledBack() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let armed = Mutex(false)
        var options = testOptions()
        options.faults.write = { _, length in
            armed.withLock { isArmed in
                guard isArmed else { return nil }
                isArmed = false
                return FaultInjection.WriteFault(bytesWritten: length / 2, errno: ENOSPC)
            }
        }
        let spool = try DurableSpool(directory: directory, options: options)
        try spool.append(contentsOf: (0..<5).map { samplePayload($0) })
        armed.withLock { $0 = true }
        #expect(throws: SpoolError.self) { try spool.append(contentsOf: (5..<10).map { samplePayload($0) }) }
        armed.withLock { $0 = true }
        let outcome = Result { () throws(SpoolError) in try spool.append(samplePayload(5)) }
        guard case .failure(.diskFull(let path, let operation)) = outcome else {
            Issue.record("expected .diskFull, got \(outcome)")
            return
        }
        #expect(path.hasSuffix(".seg") && operation == "write")
        #expect(spool.lastSequence == 5)
        let ticket = try spool.append(contentsOf: (5..<8).map { samplePayload($0) })
        #expect(ticket.firstSequence == 6)
        try spool.waitUntilDurableBlocking(ticket)
        #expect(try readAll(spool).map(\.payload) == (0..<8).map { samplePayload($0) })
        try spool.close()

        let reopened = try DurableSpool(directory: directory, options: testOptions())
        #expect(reopened.recoveryReport.isClean)
        #expect(try readAll(reopened).count == 8)
        try reopened.close()
    }

    /// A failed fsync leaves durability unknown: waiters and later appends fail until reopened,
    /// and reopening recovers what is intact.
    @Test func failedSyncStopsTheSpool() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failing = Mutex(false)
        var options = testOptions()
        options.faults.sync = { _ in failing.withLock { $0 } ? EIO : nil }
        let spool = try DurableSpool(directory: directory, options: options)
        try await spool.waitUntilDurable(try spool.append([1]))
        failing.withLock { $0 = true }
        let ticket = try spool.append([2])
        await #expect(throws: SpoolError.self) { try await spool.waitUntilDurable(ticket) }
        let outcome = Result { () throws(SpoolError) in try spool.append([3]) }
        guard case .failure(.stopped(.io(let operation, _, let code))) = outcome else {
            Issue.record("append after a failed sync must fail with .stopped(.io), got \(outcome)")
            return
        }
        #expect(operation == "fdatasync" && code == EIO)
        #expect(throws: SpoolError.self) { try spool.close() }

        let reopened = try DurableSpool(directory: directory, options: testOptions())
        #expect(try readAll(reopened).map(\.payload) == [[1], [2]])
        try reopened.close()
    }
}
