/// Limits and switches for reading; the defaults are safe for untrusted uploads.
public struct STEPReadOptions: Sendable, Equatable {
    /// Hard cap on the size of decompressed data (gzip/zip input).
    public var maxDecompressedBytes: Int
    /// Cap on decompressed size relative to the compressed input, against zip bombs.
    /// The effective limit is min(maxDecompressedBytes, max(ratio × input, 1 MiB)).
    public var maxCompressionRatio: Int
    /// Maximum nesting of lists/typed parameters when decoding arguments.
    public var maxNestingDepth: Int
    /// Stop recording diagnostics after this many (a count of the rest is added), so a
    /// garbage upload cannot make the diagnostic list larger than the file.
    public var maxDiagnostics: Int

    public init(
        maxDecompressedBytes: Int = 4 << 30,
        maxCompressionRatio: Int = 100,
        maxNestingDepth: Int = 64,
        maxDiagnostics: Int = 1000
    ) {
        self.maxDecompressedBytes = maxDecompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxNestingDepth = maxNestingDepth
        self.maxDiagnostics = maxDiagnostics
    }

    /// The decompressed-size limit for an input of `compressedSize` bytes.
    func decompressionLimit(compressedSize: Int) -> Int {
        let (scaled, overflow) = compressedSize.multipliedReportingOverflow(by: max(1, maxCompressionRatio))
        let byRatio = overflow ? Int.max : max(scaled, 1 << 20)
        return min(maxDecompressedBytes, byRatio)
    }
}
