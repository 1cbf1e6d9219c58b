import CMongoc

extension BSONDocument {
    /// Decodes a document from BSON wire bytes, e.g. stored or received raw.
    public init(bsonBytes: [UInt8]) throws {
        guard bsonBytes.count >= 5 else { throw BIMDocumentError.invalidDocument(field: "(root)") }
        self = try bsonBytes.withUnsafeBufferPointer { buffer in
            try BSONReader.document(bytes: buffer.baseAddress!, length: buffer.count)
        }
    }

    /// The document in BSON wire format.
    public func bsonBytes() throws -> [UInt8] {
        let owned = try OwnedBSON(self)
        guard let data = bson_get_data(owned.pointer) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: owned.length))
    }
}
