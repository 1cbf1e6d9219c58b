/// A sheet seen as a COBie table: the header row maps column names to positions (never the other way
/// round, since writers reorder and add columns), and the data rows are the non-blank rows below it.
public struct COBieSheetTable: Sendable {
    public let sheet: SpreadsheetSheet
    /// Trimmed header names by column, in column order.
    public let headers: [(column: Int, name: String)]
    public let dataRows: [SpreadsheetRow]
    private let columnsByKey: [String: Int]
    /// Every header name the library asks for, resolved once: column, or -1 when the sheet lacks it.
    private let resolved: [String: Int]

    /// Nil when the sheet has no header row (an empty sheet).
    public init?(sheet: SpreadsheetSheet) {
        guard let headerIndex = sheet.headerRowIndex else { return nil }
        self.sheet = sheet
        var headers: [(column: Int, name: String)] = []
        var byKey: [String: Int] = [:]
        for cell in sheet.rows[headerIndex].cells {
            let name = COBieText.trim(cell.text)
            guard !name.isEmpty else { continue }
            headers.append((cell.column, name))
            let key = Self.normalize(name)
            if byKey[key] == nil { byKey[key] = cell.column }
        }
        self.headers = headers
        self.columnsByKey = byKey
        var resolved: [String: Int] = [:]
        resolved.reserveCapacity(COBieKnownHeaders.normalized.count)
        for (raw, key) in COBieKnownHeaders.normalized { resolved[raw] = byKey[key] ?? -1 }
        self.resolved = resolved
        self.dataRows = sheet.rows[(headerIndex + 1)...].filter { !$0.isBlank }
    }

    /// Header comparison key: case and spaces ignored, and "External…" treated as "Ext…" because COBie
    /// 2.4 itself spells the same columns both ways on different sheets.
    static func normalize(_ header: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(header.utf8.count)
        for b in header.utf8 {
            if b >= 0x80 {
                // Non-ASCII header: take the slow, fully Unicode-aware path.
                var key = header.lowercased().filter { !$0.isWhitespace && $0 != "_" }
                if key.hasPrefix("external") { key = "ext" + key.dropFirst("external".count) }
                return key
            }
            if b == 0x20 || b == 0x5F || (0x09...0x0D).contains(b) { continue }
            bytes.append(b >= 0x41 && b <= 0x5A ? b + 32 : b)
        }
        var key = String(decoding: bytes, as: UTF8.self)
        if key.hasPrefix("external") { key = "ext" + key.dropFirst("external".count) }
        return key
    }

    public var name: String { sheet.name }

    /// The column holding `header`, if the sheet has it.
    public func column(_ header: String) -> Int? {
        if let column = resolved[header] { return column >= 0 ? column : nil }
        return columnsByKey[Self.normalize(header)]
    }

    public func headerName(at column: Int) -> String? {
        headers.first { $0.column == column }?.name
    }

    /// Trimmed text of `header` in `row` ("" when absent).
    public func text(_ header: String, in row: SpreadsheetRow) -> String {
        guard let column = column(header), let cell = row.cell(at: column) else { return "" }
        return COBieText.trim(cell.text)
    }
}
