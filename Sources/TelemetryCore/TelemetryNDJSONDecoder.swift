#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Decodes newline-delimited JSON: one item object per line (the same item as
/// ``TelemetryJSONDecoder``), blank lines skipped, CRLF accepted.
///
/// Each line stands alone: a line that is not valid JSON is an item error at its own line and
/// column, and the next line is read normally. Only the byte and item limits are document errors.
public struct TelemetryNDJSONDecoder: Sendable {
    public var limits: TelemetryDecodeLimits

    public init(limits: TelemetryDecodeLimits = .standard) {
        self.limits = limits
    }

    public func decode(_ bytes: UnsafeRawBufferPointer) -> TelemetryBatch {
        var batch = TelemetryBatch()
        let total = bytes.count
        DecodeRun.json(bytes, limits: limits, into: &batch) { (r) throws(DocumentFailure) in
            r.out.batch.readings.reserveCapacity(min(total / 96, r.maxItems) + 1)
            r.skipByteOrderMark()
            var lineStart = r.pos
            var index = 0
            while lineStart < total {
                let rest = total - lineStart
                var lineEnd = total
                if let hit = memchr(r.p + lineStart, 0x0A, rest) {
                    lineEnd = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - r.p
                }
                r.pos = lineStart
                r.end = lineEnd
                r.skipWhitespace()
                if r.pos < lineEnd {
                    if index >= r.maxItems {
                        r.end = total
                        throw DocumentFailure(.limitExceeded, at: r.pos, "more than \(r.maxItems) lines in one batch")
                    }
                    readLine(&r, index: index)
                    index += 1
                }
                lineStart = lineEnd + 1
            }
            r.end = total
        }
        return batch
    }

    /// One line; its syntax errors are its own item error.
    private func readLine(_ r: inout JSONTelemetryReader, index: Int) {
        let start = r.pos
        do throws(DocumentFailure) {
            guard r.byte(r.pos) == 0x7B else {
                // Read the value anyway so the message can say what the line holds.
                let v = try r.readValue(depth: 1)
                r.out.reject(item: index, at: start, field: nil,
                             FieldFailure(.notAnObject, "line holds \(v.kindDescription), not an object"))
                return
            }
            let outcome = try r.readItem(depth: 1)
            r.skipWhitespace()
            if r.pos < r.end {
                throw DocumentFailure(.syntax, at: r.pos, "unexpected \(JSONTelemetryReader.describe(r.p[r.pos])) after the object")
            }
            r.record(outcome, item: index)
        } catch {
            r.out.reject(item: index, at: error.offset, field: nil, FieldFailure(error.code, error.message))
        }
    }

    public func decode(_ bytes: some ContiguousBytes) -> TelemetryBatch {
        bytes.withUnsafeBytes { decode($0) }
    }
}
