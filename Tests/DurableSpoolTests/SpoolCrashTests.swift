import Foundation
import Glibc
import Testing
@testable import DurableSpool

/// Where `swift build` put `spool-crash-writer`: next to the test bundle, or named by
/// SPOOL_CRASH_WRITER.
func crashWriterURL() -> URL? {
    let fileManager = FileManager.default
    if let override = ProcessInfo.processInfo.environment["SPOOL_CRASH_WRITER"],
       fileManager.isExecutableFile(atPath: override) {
        return URL(fileURLWithPath: override)
    }
    var starts: [URL] = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()]
    if let executable = Bundle.main.executableURL { starts.append(executable) }
    for start in starts {
        var folder = start.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("spool-crash-writer")
            if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
    }
    return nil
}

@Suite("DurableSpool survives SIGKILL")
struct SpoolCrashTests {
    private struct Ack {
        var runID: UInt64
        var index: UInt64
    }

    @Test(.enabled(if: crashWriterURL() != nil, "spool-crash-writer is not built; run `swift build` first"))
    func killedWriterLosesNoAcknowledgedRecord() throws {
        let writer = try #require(crashWriterURL())
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var acknowledged: [UInt64: Ack] = [:]
        var random = SystemRandomNumberGenerator()

        for run in UInt64(1)...5 {
            let process = Process()
            process.executableURL = writer
            process.arguments = [directory.path, String(run), String(Int.random(in: 16384...65536, using: &random))]
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()

            var pending = Data()
            var lines = 0
            let maximumBefore = acknowledged.keys.max() ?? 0
            var previousMaximum = maximumBefore
            var readyLast: UInt64?
            func consume(_ chunk: Data) {
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    let fields = line.split(separator: " ")
                    if fields.first == "ready", fields.count == 2 {
                        readyLast = UInt64(fields[1])
                        continue
                    }
                    guard fields.count == 4, let first = UInt64(fields[0]), let last = UInt64(fields[1]),
                          let runID = UInt64(fields[2]), let index = UInt64(fields[3]), first <= last
                    else {
                        Issue.record("unexpected writer output: \(line)")
                        continue
                    }
                    #expect(first > previousMaximum, "sequence numbers must never be reused")
                    previousMaximum = last
                    for sequence in first...last {
                        acknowledged[sequence] = Ack(runID: runID, index: index + (sequence - first))
                    }
                    lines += 1
                }
            }

            let killAfter = Int.random(in: 1...1500, using: &random)
            while lines < killAfter {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }  // the writer ended by itself
                consume(chunk)
            }
            if lines >= killAfter {
                usleep(UInt32.random(in: 0...3000, using: &random))
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            try? output.fileHandleForWriting.close()
            consume(output.fileHandleForReading.readDataToEndOfFile())
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationReason == .uncaughtSignal, "writer exited by itself: \(stderr)")
            if let readyLast {
                #expect(readyLast >= maximumBefore, "the reopened spool continues after every acknowledged record")
            }

            let spool = try DurableSpool(directory: directory, options: testOptions())
            #expect(spool.recoveryReport.quarantined.isEmpty, "\(spool.recoveryReport)")
            var found: [UInt64: [UInt8]] = [:]
            for record in try readAll(spool, batch: 4096) { found[record.sequence] = record.payload }
            var missing = 0
            for (sequence, ack) in acknowledged {
                guard let payload = found[sequence] else {
                    missing += 1
                    continue
                }
                #expect(payload == CrashPayload.make(runID: ack.runID, index: ack.index), "sequence \(sequence)")
            }
            #expect(missing == 0, "run \(run): \(missing) acknowledged records missing")
            #expect(spool.lastSequence >= (acknowledged.keys.max() ?? 0))
            try spool.close()
        }
    }
}
