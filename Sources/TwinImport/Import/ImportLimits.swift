/// Bounds applied to uploads before and while they are read; defaults suit untrusted input.
public struct ImportLimits: Sendable, Hashable {
    /// Largest declared uncompressed size of an archive's contents (sum over entries).
    public var maxUncompressedBytes: Int64
    /// Largest uncompressed/compressed ratio, checked once the contents exceed `ratioCheckThreshold`.
    public var maxCompressionRatio: Int
    /// Small contents are not ratio-checked (a few kB of repetitive XML compresses extremely well).
    public var ratioCheckThreshold: Int64
    /// Largest number of zip entries looked at.
    public var maxZipEntries: Int

    public init(maxUncompressedBytes: Int64 = 4 << 30, maxCompressionRatio: Int = 200,
                ratioCheckThreshold: Int64 = 1 << 20, maxZipEntries: Int = 10_000) {
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckThreshold = ratioCheckThreshold
        self.maxZipEntries = maxZipEntries
    }

    /// True when `uncompressed` bytes made from `compressed` bytes look like a bomb.
    func isBomb(uncompressed: Int64, compressed: Int64) -> Bool {
        if uncompressed > maxUncompressedBytes { return true }
        guard uncompressed > ratioCheckThreshold else { return false }
        return uncompressed / max(compressed, 1) > Int64(maxCompressionRatio)
    }
}
