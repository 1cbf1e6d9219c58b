import Foundation

/// Decodes an HTTP telemetry batch: `{"readings":[item, …]}` or a bare `[item, …]`.
///
/// An item is an object with `point` (UUID string) or `key`/`external_key` (string), `value` (a
/// number, or true/false as 1/0), and optionally `ts`, `unit` and `quality`; other fields are ignored.
/// `ts` is an RFC 3339 string or a number: |x| > 1e14 is microseconds, > 1e11 milliseconds, else
/// seconds since the Unix epoch. `NaN`/`Infinity` are item errors, not document errors; a string
/// value such as `"12.5"` is refused. Syntax errors, an unknown top-level shape, and exceeded byte,
/// item or nesting limits are document errors and leave no readings.
public struct TelemetryJSONDecoder: Sendable {
    public var limits: TelemetryDecodeLimits

    public init(limits: TelemetryDecodeLimits = .standard) {
        self.limits = limits
    }

    public func decode(_ bytes: UnsafeRawBufferPointer) -> TelemetryBatch {
        var batch = TelemetryBatch()
        DecodeRun.json(bytes, limits: limits, into: &batch) { (r) throws(DocumentFailure) in
            r.out.batch.readings.reserveCapacity(min(bytes.count / 96, r.maxItems) + 1)
            try r.readBatchDocument()
        }
        return batch
    }

    public func decode(_ bytes: some ContiguousBytes) -> TelemetryBatch {
        bytes.withUnsafeBytes { decode($0) }
    }
}
