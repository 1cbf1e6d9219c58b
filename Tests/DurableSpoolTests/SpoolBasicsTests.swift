import Foundation
import Testing
@testable import DurableSpool

@Suite("DurableSpool append, read, drain and reopen")
struct SpoolBasicsTests {
    @Test func roundTrip() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = try DurableSpool(directory: directory, options: testOptions())
        #expect(spool.recoveryReport.isClean)
        #expect(spool.lastSequence == 0)

        let first = try spool.append(samplePayload(0))
        #expect(first == SpoolTicket(lastSequence: 1, recordCount: 1))
        let batch = try spool.append(contentsOf: (1..<100).map { samplePayload($0) })
        #expect(batch.firstSequence == 2 && batch.lastSequence == 100 && batch.recordCount == 99)
        let empty = try spool.append([UInt8]())
        #expect(empty.lastSequence == 101)
        let data = try spool.append(Data([1, 2, 3]))
        #expect(data.lastSequence == 102)
        let none = try spool.append(contentsOf: [[UInt8]]())
        #expect(none.recordCount == 0 && none.lastSequence == 102)
        try await spool.waitUntilDurable(data)
        #expect(spool.durableThrough >= 102)

        let records = try readAll(spool, batch: 7)
        #expect(records.map(\.sequence) == Array(1...102))
        for index in 0..<100 { #expect(records[index].payload == samplePayload(index)) }
        #expect(records[100].payload.isEmpty)
        #expect(records[101].payload == [1, 2, 3])
        #expect(spool.backlog.records == 102)
        try spool.close()
    }

    @Test func readHonoursLimitsAndRepeats() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = try DurableSpool(directory: directory, options: testOptions(segmentSize: 512))
        try spool.append(contentsOf: (0..<200).map { samplePayload($0, length: 20) })  // 28-byte payloads

        let limited = try spool.read(after: 0, maxRecords: 1000, maxBytes: 100)
        #expect(limited.map(\.sequence) == [1, 2, 3])
        let oversized = try spool.read(after: 0, maxRecords: 10, maxBytes: 1)
        #expect(oversized.map(\.sequence) == [1], "a record larger than maxBytes still comes back alone")
        #expect(try spool.read(after: 0, maxRecords: 0).isEmpty)

        // Forward, repeat (as after a failed drain), backward and forward seeks.
        let a = try spool.read(after: 50, maxRecords: 10)
        let again = try spool.read(after: 50, maxRecords: 10)
        #expect(a == again)
        #expect(a.map(\.sequence) == Array(51...60))
        #expect(try spool.read(after: 3, maxRecords: 2).map(\.sequence) == [4, 5])
        #expect(try spool.read(after: 170, maxRecords: 3).map(\.sequence) == [171, 172, 173])
        #expect(try spool.read(after: 200, maxRecords: 3).isEmpty)
        #expect(try spool.read(after: .max, maxRecords: 3).isEmpty)
        for record in try readAll(spool, batch: 13) {
            #expect(record.payload == samplePayload(Int(record.sequence) - 1, length: 20))
        }
        try spool.close()
    }

    @Test func rotationAcrossManySegments() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = testOptions(segmentSize: 256)
        do {
            let spool = try DurableSpool(directory: directory, options: options)
            for index in 0..<3000 { try spool.append(samplePayload(index)) }
            // A batch larger than a segment goes into one segment of its own.
            try spool.append(contentsOf: (3000..<3100).map { samplePayload($0) })
            #expect(spool.stats.rotations > 300)
            try spool.close()
        }
        let names = segmentFiles(in: directory)
        #expect(names.count > 300)
        #expect(names.first == "00000000000000000001.seg")

        let reopened = try DurableSpool(directory: directory, options: options)
        #expect(reopened.recoveryReport.isClean)
        #expect(reopened.recoveryReport.segmentsScanned == names.count)
        #expect(reopened.recoveryReport.recordsRecovered == 3100)
        let records = try readAll(reopened, batch: 333)
        #expect(records.count == 3100)
        for (index, record) in records.enumerated() {
            #expect(record.sequence == UInt64(index + 1))
            #expect(record.payload == samplePayload(index))
        }
        try reopened.close()
    }

    @Test func cursorPersistsAcrossReopen() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = testOptions(segmentSize: 1024)
        options.cursorSyncInterval = .seconds(3600)  // only close and segment bookkeeping write it
        do {
            let spool = try DurableSpool(directory: directory, options: options)
            for chunk in 0..<50 { try spool.append(contentsOf: (chunk * 10..<chunk * 10 + 10).map { samplePayload($0) }) }
            let filesBefore = segmentFiles(in: directory).count
            let half = try spool.read(after: 0, maxRecords: 250)
            try spool.markDrained(through: half.last!.sequence)
            #expect(spool.drainedThrough == 250)
            #expect(spool.backlog.records == 250)
            #expect(segmentFiles(in: directory).count < filesBefore, "drained segments are deleted")
            try spool.markDrained(through: 100)  // backwards: ignored
            #expect(spool.drainedThrough == 250)
            #expect(throws: SpoolError.sequenceNotAssigned(requested: 501, lastAssigned: 500)) {
                try spool.markDrained(through: 501)
            }
            try spool.close()
        }
        let reopened = try DurableSpool(directory: directory, options: options)
        #expect(reopened.drainedThrough == 250)
        #expect(reopened.backlog.records == 250)
        let rest = try readAll(reopened, after: reopened.drainedThrough)
        #expect(rest.map(\.sequence) == Array(251...500))
        // Reading from before the cursor starts at the oldest record still kept.
        let early = try reopened.read(after: 0, maxRecords: 1)
        #expect(early.first.map { $0.sequence <= 251 } == true)
        try reopened.close()
    }

    @Test func sequenceContinuesAcrossReopen() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = testOptions(segmentSize: 512)
        do {
            let spool = try DurableSpool(directory: directory, options: options)
            try spool.append(contentsOf: (0..<40).map { samplePayload($0) })
            try spool.close()
        }
        do {
            let spool = try DurableSpool(directory: directory, options: options)
            #expect(spool.lastSequence == 40)
            #expect(try spool.append(samplePayload(40)).lastSequence == 41)
            // Drain everything: on close the last segment goes too.
            try spool.markDrained(through: 41)
            try spool.close()
        }
        #expect(segmentFiles(in: directory).isEmpty)
        do {
            let spool = try DurableSpool(directory: directory, options: options)
            #expect(spool.lastSequence == 41)
            #expect(spool.backlog == SpoolBacklog(records: 0, bytes: 0))
            #expect(try spool.append(samplePayload(41)).lastSequence == 42)
            #expect(try readAll(spool).map(\.sequence) == [42])
            try spool.close()
        }
        do {
            let spool = try DurableSpool(directory: directory, options: options)
            #expect(try spool.append(samplePayload(42)).lastSequence == 43)
            try spool.close()
        }
    }

    @Test func drainWhileAppendingKeepsOrder() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = try DurableSpool(directory: directory, options: testOptions(segmentSize: 300))
        var drained: [UInt64] = []
        var next = 0
        for round in 0..<200 {
            try spool.append(contentsOf: (0..<(round % 7)).map { _ in defer { next += 1 }; return samplePayload(next) })
            let records = try spool.read(after: spool.drainedThrough, maxRecords: 5)
            for record in records {
                #expect(record.payload == samplePayload(Int(record.sequence) - 1))
                drained.append(record.sequence)
            }
            if let last = records.last { try spool.markDrained(through: last.sequence) }
        }
        drained += try readAll(spool, after: spool.drainedThrough).map(\.sequence)
        #expect(drained == Array(1...UInt64(next)))
        try spool.close()
    }

    @Test func secondOpenIsRefusedUntilClosed() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = try DurableSpool(directory: directory, options: testOptions())
        #expect(throws: SpoolError.self) { try DurableSpool(directory: directory, options: testOptions()) }
        try spool.close()
        try spool.close()  // idempotent
        #expect(throws: SpoolError.closed) { try spool.append([1]) }
        #expect(throws: SpoolError.closed) { try spool.read(after: 0) }
        let again = try DurableSpool(directory: directory, options: testOptions())
        try again.close()
    }

    @Test func dropWithoutCloseReleasesTheDirectory() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let spool = try DurableSpool(directory: directory, options: testOptions())
            try spool.append([1, 2, 3])
        }
        let reopened = try DurableSpool(directory: directory, options: testOptions())
        #expect(try readAll(reopened).map(\.payload) == [[1, 2, 3]])
        try reopened.close()
    }

    @Test func invalidOptionsAreRejected() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = SpoolOptions()
        options.segmentSize = 8
        #expect(throws: SpoolError.self) { try DurableSpool(directory: directory, options: options) }
        options = SpoolOptions()
        options.commitInterval = .zero
        #expect(throws: SpoolError.self) { try DurableSpool(directory: directory, options: options) }
    }

    @Test func errorMessagesNameTheirSubject() {
        let io = SpoolError.io(operation: "fdatasync", path: "/data/spool/00000000000000000001.seg", errno: EIO)
        #expect(io.description.contains("/data/spool/00000000000000000001.seg"))
        #expect(io.description.contains("Input/output error"))
        let full = SpoolError.full(requestedBytes: 10, usedBytes: 90, quotaBytes: 100)
        #expect(full.description == "spool full: 10 more bytes requested, 90 of 100 bytes in use")
        let corrupt = SpoolError.corruptRecord(path: "p", offset: 56, sequence: 7, damage: .checksumMismatch(stored: 1, computed: 0xABCDEF))
        #expect(corrupt.description == "p offset 56, sequence 7: record checksum mismatch (stored 0x00000001, computed 0x00abcdef)")
    }
}
