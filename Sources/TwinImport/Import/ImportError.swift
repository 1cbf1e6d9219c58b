/// Why an upload cannot become a model version at all.
///
/// `code` is stable (clients and tests switch on it); `message` is safe to show a client (it never
/// holds server paths or library internals); the location points into the upload when known.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String
    /// 1-based line and column in the (decompressed) STEP text.
    public var line: Int?
    public var column: Int?
    /// Workbook position for COBie problems (sheet name, 1-based row, column letter or header).
    public var sheet: String?
    public var row: Int?
    public var columnName: String?

    public init(code: String, message: String, line: Int? = nil, column: Int? = nil, sheet: String? = nil,
                row: Int? = nil, columnName: String? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.sheet = sheet
        self.row = row
        self.columnName = columnName
    }

    /// `line 12, column 4` or `Component!C7` / `Component row 7`, in the style of ``ImportMessage/location``.
    public var location: String? {
        if let line {
            return column.map { "line \(line), column \($0)" } ?? "line \(line)"
        }
        if let sheet {
            if let row, let columnName { return "\(sheet)!\(columnName)\(row)" }
            if let row { return "\(sheet) row \(row)" }
            return sheet
        }
        return nil
    }

    public var description: String {
        location.map { "\(code): \(message) (\($0))" } ?? "\(code): \(message)"
    }

    /// Whether the upload itself is at fault (4xx) rather than the server or a shutdown.
    public var isClientError: Bool { !Self.serverCodes.contains(code) }

    static let serverCodes: Set<String> = [Code.unreadable, Code.documents, Code.internalError, Code.cancelled]
}

extension ImportError {
    /// The stable codes.
    public enum Code {
        public static let empty = "import.empty"
        public static let unsupportedFormat = "import.unsupported-format"
        public static let notIFC = "import.not-ifc"
        public static let unsupportedSchema = "import.unsupported-schema"
        public static let truncated = "import.truncated"
        public static let zipBomb = "import.zip-bomb"
        public static let corruptArchive = "import.corrupt-archive"
        public static let malformedWorkbook = "import.malformed-workbook"
        public static let noFacility = "import.no-facility"
        /// A workbook bound other than compression (rows, cells, sheets…) was exceeded.
        public static let limitExceeded = "import.limit-exceeded"
        public static let noProject = "import.no-project"
        public static let formatMismatch = "import.format-mismatch"
        public static let cancelled = "import.cancelled"
        /// The file could not be read from the server's disk (not the client's fault).
        public static let unreadable = "import.unreadable"
        /// The document sink (the pipeline's MongoDB writer) failed.
        public static let documents = "import.documents"
        public static let internalError = "import.internal"
    }

    static func empty() -> ImportError {
        ImportError(code: Code.empty, message: "The upload is empty.")
    }

    static func unsupported(_ what: String) -> ImportError {
        ImportError(code: Code.unsupportedFormat,
                    message: "The upload is \(what); expected IFC (.ifc, .ifczip, .ifc.gz) or a COBie workbook (.xlsx, SpreadsheetML .xml).")
    }

    static func zipBomb(_ detail: String) -> ImportError {
        ImportError(code: Code.zipBomb, message: "The compressed upload expands too much (\(detail)); refused as a possible zip bomb.")
    }
}
