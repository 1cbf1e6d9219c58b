import Foundation
import Glibc
import Synchronization
@testable import DurableSpool

/// A fresh directory under the system temp folder; the caller removes it.
func makeTempDirectory() throws -> URL {
    let url = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("spool-tests-\(UUID().uuidString.lowercased())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Options that keep files small so tests exercise rotation and quotas quickly.
func testOptions(segmentSize: Int = 64 << 10, maxBytes: UInt64 = 64 << 20) -> SpoolOptions {
    var options = SpoolOptions()
    options.segmentSize = segmentSize
    options.maxBytes = maxBytes
    options.commitInterval = .milliseconds(2)
    options.cursorSyncInterval = .zero
    options.readBufferSize = 4096
    return options
}

/// A payload that names its index and varies in length.
func samplePayload(_ index: Int, length: Int? = nil) -> [UInt8] {
    let count = length ?? (index % 37)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + 8)
    withUnsafeBytes(of: UInt64(index).littleEndian) { bytes.append(contentsOf: $0) }
    for k in 0..<count { bytes.append(UInt8(truncatingIfNeeded: index &* 31 &+ k)) }
    return bytes
}

/// Every record after `sequence`, read in batches of `batch`.
func readAll(_ spool: DurableSpool, after sequence: UInt64 = 0, batch: Int = 1000) throws -> [SpoolRecord] {
    var records: [SpoolRecord] = []
    var cursor = sequence
    while true {
        let next = try spool.read(after: cursor, maxRecords: batch)
        guard let last = next.last else { return records }
        records += next
        cursor = last.sequence
    }
}

/// Segment file names in the directory, oldest first.
func segmentFiles(in directory: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".seg") }.sorted()
}

func fileSize(_ url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return (attributes[.size] as? NSNumber)?.intValue ?? 0
}

func truncateFile(_ url: URL, to length: Int) {
    _ = Glibc.truncate(url.path, off_t(length))
}

/// Flips one bit of the byte at `offset`.
func flipByte(_ url: URL, at offset: Int) throws {
    var data = try Data(contentsOf: url)
    data[offset] ^= 0x40
    try data.write(to: url)
}

/// SplitMix64: reproducible randomness for fuzzing.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The same self-describing payloads as `spool-crash-writer` writes.
enum CrashPayload {
    static func make(runID: UInt64, index: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: runID.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: index.littleEndian) { bytes.append(contentsOf: $0) }
        let fillerLength = Int((index &* 7919) % 181)
        var state = runID &* 0x9E37_79B9_7F4A_7C15 ^ index
        for _ in 0..<fillerLength {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        return bytes
    }
}

/// Thread-safe counter/collector for tests that append from plain threads.
final class Collected<Value: Sendable>: Sendable {
    private let storage: Mutex<[Value]>

    init() { storage = Mutex([]) }

    func append(_ value: Value) { storage.withLock { $0.append(value) } }

    var values: [Value] { storage.withLock { $0 } }
}
