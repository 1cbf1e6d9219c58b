import CMongoc

/// A heap `bson_t` that is destroyed exactly once, when this object goes away.
///
/// `bson_t` is declared 128-byte aligned by libbson, so Swift imports pointers to it as
/// `OpaquePointer` and cannot allocate one itself; libbson (`bson_new`) does the allocating.
/// Never leaves the thread that created it, hence not Sendable.
final class OwnedBSON {
    let pointer: OpaquePointer

    /// An empty document.
    init() {
        pointer = bson_new()
    }

    /// Takes ownership of a `bson_t` allocated by libbson (e.g. `bson_new`, `bson_copy`).
    init(adopting pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// A copy of `document` in wire format.
    convenience init(_ document: BSONDocument) throws {
        self.init()
        try BSONWriter.append(document, to: pointer, path: "")
    }

    deinit {
        bson_destroy(pointer)
    }

    /// Length in bytes of the wire form (the little-endian int32 that starts every document).
    var length: Int { BSONReader.wireLength(bson_get_data(pointer)) }

    /// Reads the document back into Swift values.
    func document() throws -> BSONDocument {
        try BSONReader.document(from: pointer)
    }
}
