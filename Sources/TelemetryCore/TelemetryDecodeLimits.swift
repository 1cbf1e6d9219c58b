/// Bounds on what one decode call accepts, so a hostile or broken sender costs bounded time and memory.
public struct TelemetryDecodeLimits: Sendable, Hashable {
    /// Items (array elements, NDJSON lines, CSV data rows, MQTT array elements) per call; more is a
    /// document error. Default 100,000.
    public var maxItems: Int
    /// Bytes per call; more is a document error before anything is read. Default 32 MiB.
    public var maxBytes: Int
    /// Bytes of a kept string (point, key, ts, unit, quality) after unescaping; longer is an item
    /// error. Strings of ignored fields are not limited beyond ``maxBytes``. Clamped to 0…1 MiB.
    /// Default 256.
    public var maxStringLength: Int
    /// Nesting of arrays and objects, the batch's own levels included (`{"readings":[{…}]}` is 3).
    /// Deeper is a document error. Clamped to 1…64. Default 8.
    public var maxDepth: Int
    /// Item errors kept per call; further ones are only counted in ``TelemetryBatch/rejectedCount``.
    /// Default 1,000.
    public var maxErrors: Int

    public init(maxItems: Int = 100_000, maxBytes: Int = 32 << 20, maxStringLength: Int = 256,
                maxDepth: Int = 8, maxErrors: Int = 1_000) {
        self.maxItems = maxItems
        self.maxBytes = maxBytes
        self.maxStringLength = maxStringLength
        self.maxDepth = maxDepth
        self.maxErrors = maxErrors
    }

    public static let standard = TelemetryDecodeLimits()

    var clampedDepth: Int { min(max(maxDepth, 1), 64) }
    var clampedStringLength: Int { min(max(maxStringLength, 0), 1 << 20) }
}
