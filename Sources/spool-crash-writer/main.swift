// Appends to a spool until killed, printing one line per acknowledged batch:
//   <first sequence> <last sequence> <run id> <first index>
// A line is printed only after `append` returned, i.e. after the records reached the kernel, so
// every printed sequence must survive a SIGKILL. Payloads describe themselves (see
// `CrashPayload`) so the crash test can check their content too.
//
// usage: spool-crash-writer DIRECTORY RUN-ID [SEGMENT-SIZE]
import DurableSpool
import Foundation
import Glibc

let arguments = CommandLine.arguments
guard arguments.count >= 3, let runID = UInt64(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: spool-crash-writer DIRECTORY RUN-ID [SEGMENT-SIZE]\n".utf8))
    exit(2)
}
var options = SpoolOptions()
options.segmentSize = arguments.count >= 4 ? Int(arguments[3]) ?? 64 << 10 : 64 << 10
options.maxBytes = 4 << 30
options.commitInterval = .milliseconds(5)

let spool: DurableSpool
do {
    spool = try DurableSpool(directory: URL(fileURLWithPath: arguments[1]), options: options)
} catch {
    FileHandle.standardError.write(Data("spool-crash-writer: \(error)\n".utf8))
    exit(1)
}

/// Writes all of `line` to stdout with write(2): no stdio buffer to lose when killed.
func emit(_ line: String) {
    var bytes = Array(line.utf8)
    bytes.append(UInt8(ascii: "\n"))
    var done = 0
    while done < bytes.count {
        let written = bytes.withUnsafeBytes { write(1, $0.baseAddress! + done, $0.count - done) }
        if written < 0 {
            if errno == EINTR { continue }
            exit(3)
        }
        done += written
    }
}

emit("ready \(spool.lastSequence)")
var index: UInt64 = 0
var batchNumber: UInt64 = 0
var random = SystemRandomNumberGenerator()
while true {
    batchNumber += 1
    let count = Int.random(in: 1...16, using: &random)
    let payloads = (0..<count).map { CrashPayload.make(runID: runID, index: index + UInt64($0)) }
    do {
        let ticket = try spool.append(contentsOf: payloads)
        emit("\(ticket.firstSequence) \(ticket.lastSequence) \(runID) \(index)")
        index += UInt64(count)
        if batchNumber % 8 == 0 { try spool.waitUntilDurableBlocking(ticket) }
    } catch {
        FileHandle.standardError.write(Data("spool-crash-writer: \(error)\n".utf8))
        exit(1)
    }
}
