/// One problem in a delivered workbook, located precisely enough for a facility manager to open the
/// workbook and fix it: sheet, row, column letter and header.
public struct COBieValidationIssue: Codable, Sendable, Equatable {
    public enum Severity: String, Codable, Sendable, Comparable {
        case error, warning, info

        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .info: return 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public enum Kind: String, Codable, Sendable {
        case requiredValueMissing = "required-value-missing"
        case unresolvedReference = "unresolved-reference"
        case duplicateKey = "duplicate-key"
        case notInPickList = "not-in-pick-list"
        case invalidDate = "invalid-date"
        case invalidNumber = "invalid-number"
        case missingSheet = "missing-sheet"
        case missingColumn = "missing-column"
        case workbook
    }

    public var severity: Severity
    public var kind: Kind
    public var sheet: String?
    /// 1-based row number as the spreadsheet shows it.
    public var row: Int?
    /// Column letter(s), e.g. "E".
    public var column: String?
    /// The column's header, e.g. "FloorName".
    public var header: String?
    public var message: String

    public init(
        severity: Severity, kind: Kind, sheet: String?, row: Int?, column: String?, header: String?, message: String
    ) {
        self.severity = severity
        self.kind = kind
        self.sheet = sheet
        self.row = row
        self.column = column
        self.header = header
        self.message = message
    }
}
