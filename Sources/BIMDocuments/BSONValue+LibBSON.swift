import CMongoc

extension BSONValue {
    /// Lends `body` a `bson_value_t` holding this value (valid only during the call), for
    /// the libmongoc functions that take ids as `bson_value_t`.
    func withUnsafeBSONValue<R>(_ body: (UnsafePointer<bson_value_t>) throws -> R) throws -> R {
        let holder = try OwnedBSON(["v": self])
        let iter = BSONIterator()
        guard bson_iter_init_find(iter.pointer, holder.pointer, "v"), let value = bson_iter_value(iter.pointer) else {
            throw BIMDocumentError.invalidDocument(field: "(value)")
        }
        return try withExtendedLifetime(holder) { try body(value) }
    }

    /// Reads a `bson_value_t` filled in by libmongoc.
    init(copying value: UnsafePointer<bson_value_t>) throws {
        let holder = OwnedBSON()
        guard bson_append_value(holder.pointer, "v", -1, value) else {
            throw BIMDocumentError.invalidDocument(field: "(value)")
        }
        guard let read = try holder.document()["v"] else { throw BIMDocumentError.invalidDocument(field: "(value)") }
        self = read
    }
}
