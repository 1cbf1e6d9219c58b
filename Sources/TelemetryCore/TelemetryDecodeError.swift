/// A problem with one item, or with a whole document, and where it is.
public struct TelemetryDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable, client-safe classification (snake_case raw values).
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// Not well-formed JSON or CSV.
        case syntax
        /// A byte, item or nesting limit was exceeded.
        case limitExceeded = "limit_exceeded"
        case stringTooLong = "string_too_long"
        /// Bytes that are not UTF-8 (or a lone surrogate escape) in a kept string.
        case invalidEncoding = "invalid_encoding"
        /// An item that is not an object.
        case notAnObject = "not_an_object"
        case missingField = "missing_field"
        case duplicateField = "duplicate_field"
        /// Both `point` and `key` given.
        case conflictingFields = "conflicting_fields"
        case invalidPoint = "invalid_point"
        case invalidKey = "invalid_key"
        case invalidTimestamp = "invalid_timestamp"
        /// A value that is not a number (a string, null, an object, text in a CSV cell).
        case invalidValue = "invalid_value"
        /// NaN or ±Infinity.
        case nonFiniteValue = "non_finite_value"
        /// A number whose magnitude does not fit a double (1e400).
        case valueOutOfRange = "value_out_of_range"
        case invalidUnit = "invalid_unit"
        case unknownUnit = "unknown_unit"
        case invalidQuality = "invalid_quality"
        /// A CSV header that names no value column, repeats a column or names no point column.
        case invalidHeader = "invalid_header"
        /// A CSV row whose field count differs from the header's.
        case wrongFieldCount = "wrong_field_count"
    }

    public var code: Code
    /// 0-based index of the item in the document (array element, non-blank NDJSON line, CSV data
    /// row); nil for document errors.
    public var itemIndex: Int?
    /// 1-based line; lines end at LF (CRLF counts once).
    public var line: Int
    /// 1-based column in bytes from the start of the line.
    public var column: Int
    /// 0-based byte offset in the input.
    public var offset: Int
    /// The field (`value`, `ts`, or a CSV column name) the problem is in, when there is one.
    public var field: String?
    /// Human-readable; quotes input only escaped and shortened.
    public var message: String

    public init(code: Code, itemIndex: Int?, line: Int, column: Int, offset: Int, field: String?, message: String) {
        self.code = code
        self.itemIndex = itemIndex
        self.line = line
        self.column = column
        self.offset = offset
        self.field = field
        self.message = message
    }

    public var isDocumentError: Bool { itemIndex == nil }

    public var description: String {
        var s = "line \(line), column \(column)"
        if let itemIndex { s += ", item \(itemIndex)" }
        if let field { s += ", field \(field)" }
        return s + ": " + message
    }
}
