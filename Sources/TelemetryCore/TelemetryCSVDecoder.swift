import Foundation

/// Decodes CSV (RFC 4180) telemetry: a header row naming columns, then one reading per row.
///
/// Columns are matched by name, in any order, ignoring ASCII case and surrounding spaces:
/// `point`, `key` (or `external_key`), `ts`, `value`, `unit`, `quality`; other columns are ignored.
/// Cells are trimmed of spaces and tabs; an empty cell is an absent field. Cells are only ever
/// data: `=1+2` in the value column is "not a number", never evaluated; a leading `-` is a sign.
/// A bad header is a document error; a bad row is an item error at its line with the column's name.
public struct TelemetryCSVDecoder: Sendable {
    public var limits: TelemetryDecodeLimits

    public init(limits: TelemetryDecodeLimits = .standard) {
        self.limits = limits
    }

    public func decode(_ bytes: some ContiguousBytes) -> TelemetryBatch {
        bytes.withUnsafeBytes { decode($0) }
    }

    public func decode(_ bytes: UnsafeRawBufferPointer) -> TelemetryBatch {
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var out = BatchBuilder(base: base, count: bytes.count, limits: limits)
        if let failure = DecodeRun.sizeFailure(bytes.count, limits) {
            out.fail(failure)
            return out.batch
        }
        guard let base else {
            out.fail(DocumentFailure(.invalidHeader, at: 0, "empty document; expected a header row"))
            return out.batch
        }
        var reader = CSVRowDecoder(base: base, count: bytes.count, limits: limits, out: out)
        defer { reader.release() }
        do {
            try reader.run()
        } catch {
            reader.out.fail(error)
        }
        return reader.out.batch
    }
}
