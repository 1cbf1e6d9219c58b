import CMongoc

/// Storage for one `bson_iter_t`.
///
/// libbson declares `bson_iter_t` 128-byte aligned and Swift imports it only behind
/// `OpaquePointer`, so the memory is allocated here, raw, with that alignment and more
/// than enough room (the struct is well under 256 bytes on every platform libbson supports).
final class BSONIterator {
    private static let byteCount = 256
    private static let alignment = 128
    private let storage: UnsafeMutableRawPointer

    init() {
        storage = UnsafeMutableRawPointer.allocate(byteCount: Self.byteCount, alignment: Self.alignment)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: Self.byteCount)
    }

    deinit {
        storage.deallocate()
    }

    var pointer: OpaquePointer { OpaquePointer(storage) }
}
