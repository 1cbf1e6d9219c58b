import Foundation

/// An upload already on local disk, with the facts the API layer measured while streaming it
/// there (so nothing reads the file twice just to size or hash it).
public struct StagedUpload: Sendable, Hashable {
    public var url: URL
    public var size: Int64
    /// SHA-256 of the bytes, lowercase hex.
    public var sha256: String

    public init(url: URL, size: Int64, sha256: String) {
        self.url = url
        self.size = size
        self.sha256 = sha256
    }
}
