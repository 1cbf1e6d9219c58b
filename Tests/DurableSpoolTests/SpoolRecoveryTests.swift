import Foundation
import Testing
@testable import DurableSpool

@Suite("DurableSpool recovery")
struct SpoolRecoveryTests {
    /// Cutting the newest segment anywhere inside its last record loses exactly that record.
    @Test func tornTailAtEveryOffset() throws {
        let template = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: template) }
        let lastPayload = samplePayload(99, length: 40)
        do {
            let spool = try DurableSpool(directory: template, options: testOptions())
            try spool.append(contentsOf: (0..<9).map { samplePayload($0) })
            try spool.append(lastPayload)
            try spool.close()
        }
        let segmentName = try #require(segmentFiles(in: template).last)
        let size = try fileSize(template.appendingPathComponent(segmentName))
        let frameStart = size - SegmentFormat.frameHeaderSize - lastPayload.count

        for cut in frameStart..<size {
            let directory = try makeTempDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            for name in try FileManager.default.contentsOfDirectory(atPath: template.path) {
                try FileManager.default.copyItem(at: template.appendingPathComponent(name), to: directory.appendingPathComponent(name))
            }
            truncateFile(directory.appendingPathComponent(segmentName), to: cut)

            let spool = try DurableSpool(directory: directory, options: testOptions())
            let records = try readAll(spool)
            #expect(records.map(\.sequence) == Array(1...9), "cut at \(cut)")
            #expect(records.map(\.payload) == (0..<9).map { samplePayload($0) })
            let report = spool.recoveryReport
            if cut == frameStart {
                #expect(report.truncations.isEmpty)
            } else {
                #expect(report.truncations.count == 1)
                #expect(report.truncations.first?.offset == frameStart)
                #expect(report.truncations.first?.bytesRemoved == cut - frameStart)
                #expect(report.truncations.first?.recordsKept == 9)
            }
            #expect(report.quarantined.isEmpty)
            // The log goes on. Sequence 10 was assigned before (the cursor written on close
            // remembers it), so it is not handed out again.
            let ticket = try spool.append([7, 7, 7])
            #expect(ticket.lastSequence == 11)
            try spool.close()
            let reopened = try DurableSpool(directory: directory, options: testOptions())
            #expect(reopened.recoveryReport.isClean)
            #expect(try readAll(reopened).map(\.sequence) == Array(1...9) + [11])
            try reopened.close()
        }
    }

    @Test func badChecksumInNewestSegmentIsTruncated() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let spool = try DurableSpool(directory: directory, options: testOptions())
            try spool.append(contentsOf: (0..<5).map { samplePayload($0, length: 16) })
            try spool.close()
        }
        let segment = directory.appendingPathComponent(try #require(segmentFiles(in: directory).last))
        let size = try fileSize(segment)
        try flipByte(segment, at: size - 3)
        let spool = try DurableSpool(directory: directory, options: testOptions())
        #expect(try readAll(spool).map(\.sequence) == [1, 2, 3, 4])
        let cut = try #require(spool.recoveryReport.truncations.first)
        guard case .checksumMismatch = cut.damage else {
            Issue.record("expected a checksum mismatch, got \(cut.damage)")
            return
        }
        #expect(cut.offset == size - 32)  // 8-byte frame header + 24-byte payload
        try spool.close()
    }

    @Test func damageInOlderSegmentIsQuarantined() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 24-byte payloads make 32-byte frames: five fit in a 200-byte segment after its header.
        let options = testOptions(segmentSize: 200)
        do {
            let spool = try DurableSpool(directory: directory, options: options)
            for index in 0..<30 { try spool.append(samplePayload(index, length: 16)) }
            try spool.close()
        }
        let names = segmentFiles(in: directory)
        #expect(names.count == 6)
        let damaged = names[1]
        #expect(damaged == "00000000000000000006.seg")
        try flipByte(directory.appendingPathComponent(damaged), at: SegmentFormat.headerSize + 32 + 8 + 3)

        let spool = try DurableSpool(directory: directory, options: options)
        let report = spool.recoveryReport
        #expect(!report.isClean)
        #expect(report.truncations.isEmpty)
        let moved = try #require(report.quarantined.first)
        #expect(report.quarantined.count == 1)
        #expect(moved.fileName == damaged)
        #expect(moved.firstSequence == 6)
        #expect(moved.offset == SegmentFormat.headerSize + 32)
        #expect(moved.intactRecordsBefore == 1)
        #expect(moved.fileSize == 184)
        #expect(FileManager.default.fileExists(atPath: moved.movedTo))
        #expect(moved.movedTo.hasSuffix("/quarantine/" + damaged))
        #expect(report.description.contains(damaged))

        let sequences = try readAll(spool, batch: 4).map(\.sequence)
        #expect(sequences == Array(1...5) + Array(11...30))
        #expect(spool.backlog.records == 25)
        #expect(try spool.append([1]).lastSequence == 31)
        try spool.close()

        let reopened = try DurableSpool(directory: directory, options: options)
        #expect(reopened.recoveryReport.isClean)
        #expect(try readAll(reopened).map(\.sequence) == Array(1...5) + Array(11...31))
        try reopened.close()
    }

    @Test func damagedHeaderInOlderSegmentIsQuarantined() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = testOptions(segmentSize: 200)
        do {
            let spool = try DurableSpool(directory: directory, options: options)
            for index in 0..<15 { try spool.append(samplePayload(index, length: 16)) }
            try spool.close()
        }
        let names = segmentFiles(in: directory)
        try flipByte(directory.appendingPathComponent(names[0]), at: 14)
        let spool = try DurableSpool(directory: directory, options: options)
        #expect(spool.recoveryReport.quarantined.map(\.damage) == [.headerChecksumMismatch])
        #expect(try readAll(spool).map(\.sequence) == Array(6...15))
        try spool.close()
    }

    @Test func unusableCursorRestartsTheDrainButKeepsSequences() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let spool = try DurableSpool(directory: directory, options: testOptions())
            try spool.append(contentsOf: (0..<10).map { samplePayload($0) })
            try spool.markDrained(through: 4)
            try spool.close()
        }
        try Data("not a cursor".utf8).write(to: directory.appendingPathComponent("cursor"))
        let spool = try DurableSpool(directory: directory, options: testOptions())
        #expect(spool.recoveryReport.cursorProblem != nil)
        #expect(spool.drainedThrough == 0)
        #expect(try readAll(spool).map(\.sequence) == Array(1...10))
        #expect(try spool.append([1]).lastSequence == 11)
        try spool.close()
    }

    @Test func leftoverFilesAreHandled() throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let spool = try DurableSpool(directory: directory, options: testOptions())
            try spool.append([1])
            try spool.close()
        }
        try Data([1, 2]).write(to: directory.appendingPathComponent("cursor.tmp"))
        try Data([1, 2]).write(to: directory.appendingPathComponent("notes.txt"))
        // A newest segment cut short while its header was written.
        try Data([0x89, 0x53]).write(to: directory.appendingPathComponent("00000000000000000002.seg"))
        let spool = try DurableSpool(directory: directory, options: testOptions())
        #expect(spool.recoveryReport.ignoredFiles == ["notes.txt"])
        #expect(spool.recoveryReport.truncations.first?.fileRemoved == true)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("cursor.tmp").path))
        #expect(try readAll(spool).map(\.payload) == [[1]])
        #expect(try spool.append([2]).lastSequence == 2)
        try spool.close()
    }

    /// Random bytes in segment and cursor files: opening may report damage but never traps or
    /// throws, and a second open finds nothing more to repair.
    @Test(arguments: 0..<8)
    func garbageNeverTraps(shard: Int) throws {
        for seed in UInt64(shard * 40)..<UInt64(shard * 40 + 40) {
            try openGarbage(seed: seed)
        }
    }

    private func openGarbage(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var nextBase: UInt64 = [1, 2, 5, 1000, UInt64.max - 3][Int.random(in: 0..<5, using: &random)]
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            var bytes: [UInt8]
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                bytes = (0..<Int.random(in: 0..<600, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            case 1:
                bytes = SegmentFormat.header(base: nextBase)
                bytes += (0..<Int.random(in: 0..<600, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            default:
                bytes = SegmentFormat.header(base: nextBase)
                for index in 0..<Int.random(in: 0..<20, using: &random) {
                    var batch = FrameBatch(maxRecordBytes: 1 << 20, expectedRecords: 1)
                    let payload = samplePayload(index, length: Int.random(in: 0..<50, using: &random))
                    try payload.withUnsafeBytes { try batch.add($0) }
                    bytes += batch.bytes
                }
                for _ in 0..<Int.random(in: 0...3, using: &random) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
                if Bool.random(using: &random) { bytes.removeLast(Int.random(in: 0...min(10, bytes.count), using: &random)) }
            }
            let name = SegmentFormat.fileName(base: nextBase)
            try Data(bytes).write(to: directory.appendingPathComponent(name))
            nextBase = nextBase &+ UInt64.random(in: 0...30, using: &random)
        }
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            let junk = (0..<Int.random(in: 0..<40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            try Data(junk).write(to: directory.appendingPathComponent("cursor"))
        case 1:
            let shift = Int.random(in: 0...63, using: &random)
            let cursor = CursorFile(drainedThrough: random.next() >> UInt64(shift), nextSequence: random.next() >> UInt64(shift))
            try cursor.store(in: try SpoolDirectory(path: directory.path), faults: FaultInjection())
        default:
            break
        }

        let options = testOptions(segmentSize: 256)
        do {
            let spool = try DurableSpool(directory: directory, options: options)
            let records = try readAll(spool, after: spool.drainedThrough)
            #expect(records.count <= 80, "seed \(seed)")
            do {
                try spool.append([1, 2, 3])
            } catch let error {
                #expect(error == .sequenceExhausted, "seed \(seed)")
            }
            try spool.close()
        }
        let again = try DurableSpool(directory: directory, options: options)
        #expect(again.recoveryReport.isClean, "seed \(seed): \(again.recoveryReport)")
        try again.close()
    }
}
