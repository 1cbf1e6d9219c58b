/// One row with its 1-based row number as the spreadsheet shows it, and its cells sorted by column.
public struct SpreadsheetRow: Sendable, Equatable {
    public var number: Int
    public var cells: [SpreadsheetCell]

    public init(number: Int, cells: [SpreadsheetCell]) {
        self.number = number
        self.cells = cells
    }

    /// The cell in `column`, if the row has one (binary search: cells are sorted).
    public func cell(at column: Int) -> SpreadsheetCell? {
        var low = 0
        var high = cells.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let c = cells[mid].column
            if c == column { return cells[mid] }
            if c < column { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    /// True when no cell has non-whitespace text: such rows are formatting leftovers, not data.
    public var isBlank: Bool {
        !cells.contains { !COBieText.trim($0.text).isEmpty }
    }
}
