import CMongoc

/// Uninitialised room for a `bson_t` that libmongoc fills in as an operation's reply.
///
/// libmongoc always initialises an out-parameter reply (on success and on failure), so
/// `deinit` destroys it; `bson_destroy` on such a stack-style `bson_t` frees only its
/// buffer, never the storage, which is released separately here.
final class BSONReplyStorage {
    private static let byteCount = 256
    private static let alignment = 128
    private let storage: UnsafeMutableRawPointer
    private var initialized = false

    init() {
        storage = UnsafeMutableRawPointer.allocate(byteCount: Self.byteCount, alignment: Self.alignment)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: Self.byteCount)
    }

    deinit {
        if initialized { bson_destroy(OpaquePointer(storage)) }
        storage.deallocate()
    }

    /// The pointer to pass as `reply`; marks the storage as initialised by the callee.
    var pointer: OpaquePointer {
        initialized = true
        return OpaquePointer(storage)
    }

    /// The reply as Swift values, or `nil` if it cannot be read.
    func document() -> BSONDocument? {
        guard initialized else { return nil }
        return try? BSONReader.document(from: OpaquePointer(storage))
    }
}
