/// A test hook that breaks an import at a chosen point, to prove what a crash leaves behind.
///
/// Only tests construct it (there is no environment variable or flag for it), so a production
/// server cannot be told to break its own imports.
public struct ImportFaultInjection: Sendable, Hashable {
    public enum Point: Sendable, Hashable {
        /// Every document was written to MongoDB, nothing committed to PostGIS yet.
        case afterDocuments
        /// Original and tiles stored too, right before the PostGIS commit.
        case beforeCommit
    }

    public enum Effect: Sendable, Hashable {
        /// The pipeline fails normally (and cleans up after itself).
        case fail
        /// The pipeline stops dead as if the process had been killed: no cleanup, the job stays
        /// `running`; the next start-up's recovery must settle it.
        case abandon
    }

    public var point: Point
    public var effect: Effect

    public init(point: Point, effect: Effect) {
        self.point = point
        self.effect = effect
    }

    /// Thrown for `.abandon`; the pipeline lets it through without touching anything.
    struct Abandoned: Error {}
    static let injected = ImportFailure(code: "import.fault-injected", message: "Import stopped by a test hook.")
}
