/// Bounds applied while reading a workbook, so that a hostile or broken file (zip bomb, a million
/// rows, a huge shared-strings part) fails with a clear error instead of exhausting memory or time.
///
/// The defaults comfortably hold the largest real COBie handovers (tens of thousands of rows, parts of
/// a few MB) while staying far below what would hurt a server.
public struct COBieReadLimits: Sendable, Equatable {
    /// Largest size of the input file itself.
    public var maxFileBytes: Int
    /// Largest uncompressed size of a single part (sheet, shared strings, styles…).
    public var maxPartBytes: Int
    /// Largest sum of uncompressed parts actually read.
    public var maxTotalUncompressedBytes: Int
    /// Largest uncompressed/compressed ratio accepted for a part bigger than `ratioCheckThreshold`.
    public var maxCompressionRatio: Int
    /// Parts smaller than this are not ratio-checked (tiny repetitive XML compresses extremely well).
    public var ratioCheckThreshold: Int
    /// Largest number of entries in the zip directory.
    public var maxZipEntries: Int
    /// Largest number of sheets in a workbook.
    public var maxSheets: Int
    /// Largest number of rows kept for one sheet.
    public var maxRowsPerSheet: Int
    /// Largest number of non-empty cells kept for the whole workbook.
    public var maxCells: Int
    /// Largest number of shared strings.
    public var maxSharedStrings: Int
    /// Largest number of XML nodes visited in one part (bounds every parse loop).
    public var maxXMLNodesPerPart: Int
    /// Largest number of validation issues reported (the rest are counted, not listed).
    public var maxIssues: Int

    public init(
        maxFileBytes: Int = 256 << 20,
        maxPartBytes: Int = 96 << 20,
        maxTotalUncompressedBytes: Int = 384 << 20,
        maxCompressionRatio: Int = 200,
        ratioCheckThreshold: Int = 1 << 20,
        maxZipEntries: Int = 10_000,
        maxSheets: Int = 256,
        maxRowsPerSheet: Int = 500_000,
        maxCells: Int = 8_000_000,
        maxSharedStrings: Int = 2_000_000,
        maxXMLNodesPerPart: Int = 50_000_000,
        maxIssues: Int = 100_000
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxPartBytes = maxPartBytes
        self.maxTotalUncompressedBytes = maxTotalUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckThreshold = ratioCheckThreshold
        self.maxZipEntries = maxZipEntries
        self.maxSheets = maxSheets
        self.maxRowsPerSheet = maxRowsPerSheet
        self.maxCells = maxCells
        self.maxSharedStrings = maxSharedStrings
        self.maxXMLNodesPerPart = maxXMLNodesPerPart
        self.maxIssues = maxIssues
    }

    /// The default bounds.
    public static var `default`: COBieReadLimits { COBieReadLimits() }
}
