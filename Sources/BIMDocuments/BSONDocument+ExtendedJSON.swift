import CMongoc

extension BSONDocument {
    /// Relaxed Extended JSON, as libbson renders it, for logs, debugging and API payloads.
    ///
    /// Relaxed mode keeps plain numbers and ISO dates readable; types JSON lacks
    /// (ObjectId, binary, decimal) appear as `{"$oid": …}`-style wrappers.
    public func relaxedExtendedJSON() throws -> String {
        let owned = try OwnedBSON(self)
        var length = 0
        guard let json = bson_as_relaxed_extended_json(owned.pointer, &length) else {
            throw BIMDocumentError.invalidDocument(field: "(root)")
        }
        defer { bson_free(json) }
        return json.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Canonical Extended JSON: type-exact, for round trips through JSON.
    public func canonicalExtendedJSON() throws -> String {
        let owned = try OwnedBSON(self)
        var length = 0
        guard let json = bson_as_canonical_extended_json(owned.pointer, &length) else {
            throw BIMDocumentError.invalidDocument(field: "(root)")
        }
        defer { bson_free(json) }
        return json.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Parses Extended JSON (canonical or relaxed).
    public init(extendedJSON: String) throws {
        var error = bson_error_t()
        let bytes = Array(extendedJSON.utf8)
        let parsed: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            bson_new_from_json(buffer.baseAddress, buffer.count, &error)
        }
        guard let parsed else { throw BIMDocumentError.invalidDocument(field: "(json)") }
        self = try OwnedBSON(adopting: parsed).document()
    }
}
