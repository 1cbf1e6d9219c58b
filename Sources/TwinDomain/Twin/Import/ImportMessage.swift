import Foundation

/// A warning or error about the upload, positioned in the source where possible
/// (line/column for STEP, sheet/row/column for COBie).
public struct ImportMessage: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable { case info, warning, error }

    public var severity: Severity
    public var message: String
    /// `line 12, column 4` or `Component!C7`; nil when the message is about the whole file.
    public var location: String?
    /// Stable machine-readable code (`step.syntax`, `cobie.required`, `classify.unknown-kind`).
    public var code: String?

    public init(severity: Severity, message: String, location: String? = nil, code: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.code = code
    }
}
