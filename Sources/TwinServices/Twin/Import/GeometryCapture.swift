import IFCGeometry
import Synchronization

/// Holds the importer's tessellation until the batch says which storeys exist, so the storey
/// tiles reuse it instead of tessellating the model a second time.
final class GeometryCapture: Sendable {
    private let stored = Mutex<IFCGeometryResult?>(nil)

    func keep(_ result: IFCGeometryResult) {
        stored.withLock { $0 = result }
    }

    /// Hands the result over once and forgets it (it can be large).
    func take() -> IFCGeometryResult? {
        stored.withLock { value in
            defer { value = nil }
            return value
        }
    }
}
