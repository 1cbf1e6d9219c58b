/// What a person checks first in a delivered workbook: each sheet's name, how many data rows it has
/// and which objects it names, in sheet order.
public struct COBieSheetSummary: Codable, Sendable, Equatable {
    /// The sheet's name as written in the workbook.
    public var name: String
    /// Rows below the header row that have at least one non-blank (trimmed) cell.
    public var rows: Int
    /// For Contact the Email column, for the other named COBie sheets the Name column, trimmed, one per
    /// data row ("" where the row has no value). Absent for sheets without such a column.
    public var names: [String]?

    public init(name: String, rows: Int, names: [String]?) {
        self.name = name
        self.rows = rows
        self.names = names
    }

    /// The sheets whose rows are identified by a name column, and that column's header.
    static let keyColumns: [String: String] = [
        "contact": "Email", "facility": "Name", "floor": "Name", "space": "Name", "zone": "Name",
        "type": "Name", "component": "Name", "system": "Name", "spare": "Name", "resource": "Name",
        "job": "Name", "document": "Name",
    ]

    /// Summarises one decoded sheet.
    public init(sheet: SpreadsheetSheet) {
        self.name = sheet.name
        guard let headerIndex = sheet.headerRowIndex else {
            self.rows = 0
            self.names = nil  // no header row, so no name column
            return
        }
        let header = sheet.rows[headerIndex]
        let dataRows = sheet.rows[(headerIndex + 1)...].filter { !$0.isBlank }
        self.rows = dataRows.count
        if let key = Self.keyColumns[COBieText.trim(sheet.name).lowercased()],
           let column = header.cells.first(where: { COBieText.trim($0.text) == key })?.column {
            self.names = dataRows.map { COBieText.trim($0.cell(at: column)?.text ?? "") }
        } else {
            self.names = nil
        }
    }
}
