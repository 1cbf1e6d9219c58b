/// A decoded workbook: sheets in workbook order plus the non-fatal problems met while decoding.
public struct SpreadsheetWorkbook: Sendable, Equatable {
    public enum Format: String, Sendable, Codable {
        case xlsx
        case spreadsheetML2003
    }

    public var format: Format
    public var sheets: [SpreadsheetSheet]
    public var diagnostics: [SpreadsheetDiagnostic]

    public init(format: Format, sheets: [SpreadsheetSheet], diagnostics: [SpreadsheetDiagnostic] = []) {
        self.format = format
        self.sheets = sheets
        self.diagnostics = diagnostics
    }

    /// The sheet called `name`, compared case-insensitively and ignoring surrounding spaces, because
    /// hand-edited workbooks rename "Component" to "component " and still mean it.
    public func sheet(named name: String) -> SpreadsheetSheet? {
        let wanted = COBieText.trim(name).lowercased()
        return sheets.first { COBieText.trim($0.name).lowercased() == wanted }
    }
}
