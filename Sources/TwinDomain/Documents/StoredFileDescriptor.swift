/// What the caller says about a file it stores.
public struct StoredFileDescriptor: Sendable, Hashable, Codable {
    public var key: ModelVersionKey
    public var kind: StoredFileKind
    public var filename: String
    public var contentType: String
    /// For tiles: the tile's address (e.g. `storey/3` or an octree path); unique per version by convention.
    public var tileKey: String?

    public init(key: ModelVersionKey, kind: StoredFileKind, filename: String, contentType: String, tileKey: String? = nil) {
        self.key = key
        self.kind = kind
        self.filename = filename
        self.contentType = contentType
        self.tileKey = tileKey
    }
}
