/// A problem met while tessellating. Geometry never throws past the product
/// level: bad input degrades to a diagnostic plus a skipped or simplified item.
public struct GeometryDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        /// Output produced, possibly approximated.
        case warning
        /// The item was skipped.
        case error
    }

    public var severity: Severity
    /// Stable machine-readable code, e.g. "triangulation.fallback".
    public var code: String
    public var message: String
    /// STEP instance id (#n) when known, so users can find the culprit in the file.
    public var entity: Int?

    public init(_ severity: Severity, _ code: String, _ message: String, entity: Int? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.entity = entity
    }

    public var description: String {
        "\(severity.rawValue) \(code)\(entity.map { " #\($0)" } ?? ""): \(message)"
    }
}
