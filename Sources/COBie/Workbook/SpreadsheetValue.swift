import Foundation

/// The typed content of one spreadsheet cell, as the writing program stored it.
public enum SpreadsheetValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case boolean(Bool)
    /// A number whose cell style is a date format (xlsx) or an `ss:Type="DateTime"` cell, already
    /// converted from the workbook's epoch to an absolute instant (wall clock read as UTC).
    case date(Date)
    /// An Excel error such as `#N/A` or `#REF!`.
    case error(String)
}
