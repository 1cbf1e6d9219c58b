/// One worksheet: its name as written and its rows in ascending row order.
public struct SpreadsheetSheet: Sendable, Equatable {
    public var name: String
    public var rows: [SpreadsheetRow]

    public init(name: String, rows: [SpreadsheetRow]) {
        self.name = name
        self.rows = rows
    }

    /// Index in `rows` of the header row: the first row with any text. Leading blank rows (often left
    /// by formatting) are not headers.
    public var headerRowIndex: Int? {
        rows.firstIndex { !$0.isBlank }
    }
}
