/// A problem found in the input, with its position, so callers can show users where
/// their file is broken instead of the reader giving up or crashing.
public struct STEPDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable, Comparable {
        case info, warning, error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public let severity: Severity
    /// 1-based line (CR, LF and CRLF each end a line).
    public let line: Int
    /// 1-based column, counted in bytes from the line start.
    public let column: Int
    /// 0-based offset into the (decompressed) STEP bytes.
    public let byteOffset: Int
    public let message: String
    /// The instance being read, when known.
    public let instance: STEPInstanceID?

    public init(
        severity: Severity, line: Int, column: Int, byteOffset: Int, message: String,
        instance: STEPInstanceID? = nil
    ) {
        self.severity = severity
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.message = message
        self.instance = instance
    }

    public var description: String {
        "\(line):\(column): \(severity.rawValue): \(message)"
    }
}
