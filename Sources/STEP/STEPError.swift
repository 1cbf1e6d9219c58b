/// Failures that prevent producing any `STEPFile` at all.
///
/// Syntax problems are not errors: they become `STEPDiagnostic`s and reading goes on.
public enum STEPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// A gzip/zip/deflate container was malformed.
    case corruptArchive(String)
    /// Decompression would exceed `STEPReadOptions.maxDecompressedBytes` or the ratio limit.
    case decompressedSizeLimitExceeded(limit: Int)
    /// A zip archive held no entry that could be the STEP file.
    case noSTEPEntryInArchive
    /// A zip entry used a compression method other than store/deflate.
    case unsupportedCompressionMethod(Int)
    /// The input is larger than the index can address.
    case inputTooLarge(Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .corruptArchive(let why): "corrupt compressed data: \(why)"
        case .decompressedSizeLimitExceeded(let limit): "decompressed data exceeds the limit of \(limit) bytes"
        case .noSTEPEntryInArchive: "the zip archive contains no .ifc/.stp entry"
        case .unsupportedCompressionMethod(let m): "unsupported zip compression method \(m)"
        case .inputTooLarge(let n): "input of \(n) bytes is too large"
        }
    }
}
