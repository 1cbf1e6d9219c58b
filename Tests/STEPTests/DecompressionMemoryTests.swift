import Foundation
import STEP
import Testing

/// Finding 3: a 5 MB `.ifc.gz` raised the server's peak memory by about 1 GB before it was
/// refused, because the inflater grew an array toward ratio × input. Bombs must now be refused
/// holding only a window, however many arrive at once.
@Suite("Decompression memory", .serialized)
struct DecompressionMemoryTests {
    /// A gzip member whose fixed-Huffman stream is one literal then `repeats` copies of
    /// "258 bytes at distance 1": 13 bits per 258 bytes, about 160× per byte of input.
    static func bomb(repeats: Int) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, count: 1)              // final block
        writer.write(1, count: 2)              // fixed Huffman
        writer.writeCode(0x30, length: 8)      // literal 0
        for _ in 0..<repeats {
            writer.writeCode(0xC5, length: 8)  // length symbol 285 = 258 bytes
            writer.writeCode(0, length: 5)     // distance symbol 0 = 1 byte back
        }
        writer.writeCode(0, length: 7)         // end of block
        let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]
        return header + writer.finished + [0, 0, 0, 0, 0, 0, 0, 0]  // a trailer that does not match
    }

    struct BitWriter {
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var filled = 0

        mutating func write(_ value: UInt32, count: Int) {
            buffer |= value << UInt32(filled)
            filled += count
            while filled >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                filled -= 8
            }
        }

        /// Huffman codes go most significant bit first.
        mutating func writeCode(_ code: UInt32, length: Int) {
            var reversed: UInt32 = 0
            for k in 0..<length where code & (1 << UInt32(length - 1 - k)) != 0 { reversed |= 1 << UInt32(k) }
            write(reversed, count: length)
        }

        var finished: [UInt8] { filled > 0 ? bytes + [UInt8(truncatingIfNeeded: buffer)] : bytes }
    }

    /// Peak resident memory of this process since the last reset, in bytes (Linux), or nil.
    static func peakRSS() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kb * 1024
    }

    /// Writing 5 to clear_refs resets the peak to the current RSS, so the test measures only itself.
    static func resetPeak() { try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8) }

    @Test func theBombIsWhatItClaims() throws {
        let bomb = Self.bomb(repeats: 10_000)
        // 2.58 MB from ~16 KB: refused by ratio; when allowed, inflated whole and caught by its trailer.
        #expect(throws: STEPError.decompressedSizeLimitExceeded(limit: max(bomb.count * 100, 1 << 20))) {
            try STEPFile(bytes: bomb, options: STEPReadOptions(maxCompressionRatio: 100))
        }
        #expect(throws: STEPError.corruptArchive("gzip size check failed")) {
            try STEPFile(bytes: bomb, options: STEPReadOptions(maxCompressionRatio: 1000))
        }
    }

    @Test(.enabled(if: Self.peakRSS() != nil, "needs /proc/self/status (Linux)"))
    func concurrentBombsAreRefusedWithoutMemoryGrowth() async throws {
        // 650 KB each, allowed 100× = 65 MB before refusal; four at once. Before the fix each
        // grew an array past 100 MB on its way to the limit.
        let bomb = Self.bomb(repeats: 400_000)
        #expect(bomb.count > 600_000)
        Self.resetPeak()
        let before = try #require(Self.peakRSS())
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    do { _ = try STEPFile(bytes: bomb, options: STEPReadOptions(maxCompressionRatio: 100)) } catch STEPError.decompressedSizeLimitExceeded {
                        return true
                    }
                    return false
                }
            }
            for try await refused in group { #expect(refused) }
        }
        let growth = try #require(Self.peakRSS()) - before
        #expect(growth < 48 << 20, "peak RSS grew \(growth >> 20) MiB for four concurrent bombs")
    }

    /// A stream within the ratio whose trailer lies (size, CRC) is refused by the counting pass,
    /// before an output buffer of its size exists.
    @Test(.enabled(if: Self.peakRSS() != nil, "needs /proc/self/status (Linux)"))
    func corruptStreamsAreRefusedBeforeTheirOutputIsAllocated() async throws {
        let bomb = Self.bomb(repeats: 400_000)  // ~103 MB, allowed at ratio 1000
        Self.resetPeak()
        let before = try #require(Self.peakRSS())
        #expect(throws: STEPError.corruptArchive("gzip size check failed")) {
            try STEPFile(bytes: bomb, options: STEPReadOptions(maxCompressionRatio: 1000))
        }
        let growth = try #require(Self.peakRSS()) - before
        #expect(growth < 48 << 20, "peak RSS grew \(growth >> 20) MiB")
    }
}
