import Synchronization

/// Holds something an import makes in one part and uses in another (the importer's tessellation
/// until the storeys are known; the storey tiles until the documents are written), so the work is
/// done once and the memory can be given back as soon as the value is taken.
final class ImportCapture<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)

    func keep(_ value: Value) {
        stored.withLock { $0 = value }
    }

    /// Hands the value over once and forgets it (it can be large).
    func take() -> Value? {
        stored.withLock { value in
            defer { value = nil }
            return value
        }
    }
}
