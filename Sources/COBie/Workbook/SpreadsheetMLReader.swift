import Foundation

/// Decodes an Excel 2003 SpreadsheetML (.xml) workbook: Workbook/Worksheet/Table/Row/Cell/Data, with
/// `ss:Index` gaps on rows and cells, `ss:MergeAcross`/`ss:MergeDown` spans and `ss:Type` values.
struct SpreadsheetMLReader {
    let limits: COBieReadLimits

    /// A block of cells covered by a vertical merge (`ss:MergeDown`) started in an earlier row.
    struct MergedRegion {
        var rows: ClosedRange<Int>
        var columns: ClosedRange<Int>
    }

    /// Most vertical merges tracked at once; real sheets have a handful.
    static let maxMergedRegions = 1_000

    func read(_ xml: Data, part: String = "workbook.xml") throws -> SpreadsheetWorkbook {
        try XMLStreamReader.withReader(xml, part: part, maxNodes: limits.maxXMLNodesPerPart) { reader in
            var sheets: [SpreadsheetSheet] = []
            var diagnostics: [SpreadsheetDiagnostic] = []
            var cellBudget = limits.maxCells
            var sawWorkbook = false
            while try reader.next() {
                guard reader.isStartElement else { continue }
                if reader.localNameIs("Workbook") {
                    sawWorkbook = true
                } else if reader.localNameIs("Worksheet") {
                    if sheets.count >= limits.maxSheets {
                        throw COBieReadError.limitExceeded(limit: "sheets", part: part, detail: "more than \(limits.maxSheets) sheets")
                    }
                    let name = reader.attribute("Name") ?? "Sheet\(sheets.count + 1)"
                    let rows = try readWorksheet(reader, name: name, part: part, cellBudget: &cellBudget, diagnostics: &diagnostics)
                    sheets.append(SpreadsheetSheet(name: name, rows: rows))
                }
            }
            guard sawWorkbook else { throw COBieReadError.unrecognizedFormat }
            return SpreadsheetWorkbook(format: .spreadsheetML2003, sheets: sheets, diagnostics: diagnostics)
        }
    }

    private func readWorksheet(
        _ reader: XMLStreamReader, name: String, part: String, cellBudget: inout Int,
        diagnostics: inout [SpreadsheetDiagnostic]
    ) throws -> [SpreadsheetRow] {
        if reader.isEmptyElement { return [] }
        let startDepth = reader.depth
        var rows: [SpreadsheetRow] = []
        var nextRow = 1
        // Cells covered by a MergeDown from an earlier row, kept as rectangles (a cell merging
        // 65,536 rows × 16,384 columns must not become a billion set entries).
        var merges: [MergedRegion] = []
        while try reader.next() {
            if reader.isEndElement, reader.depth == startDepth { break }
            guard reader.isStartElement else { continue }
            if reader.localNameIs("Row") {
                var span = 0
                reader.forEachAttribute { attribute, value in
                    if XMLStreamReader.equals(attribute, "Index"), let index = Int(String(cString: value)), index >= 1 {
                        nextRow = min(index, XLSXReader.maxRowNumber)
                    } else if XMLStreamReader.equals(attribute, "Span"), let s = Int(String(cString: value)), s > 0 {
                        span = min(s, XLSXReader.maxRowNumber)
                    }
                }
                let number = nextRow
                merges.removeAll { $0.rows.upperBound < number }
                let cells = try readRow(reader, rowNumber: number, sheet: name, merges: &merges, diagnostics: &diagnostics)
                if !cells.isEmpty {
                    if rows.count >= limits.maxRowsPerSheet {
                        throw COBieReadError.limitExceeded(
                            limit: "rows per sheet", part: part,
                            detail: "sheet \"\(name)\" has more than \(limits.maxRowsPerSheet) rows")
                    }
                    cellBudget -= cells.count
                    if cellBudget < 0 {
                        throw COBieReadError.limitExceeded(
                            limit: "cells", part: part, detail: "the workbook has more than \(limits.maxCells) non-empty cells")
                    }
                    rows.append(SpreadsheetRow(number: number, cells: cells))
                }
                nextRow = min(number + 1 + span, XLSXReader.maxRowNumber + 1)
            }
        }
        if !zip(rows, rows.dropFirst()).allSatisfy({ $0.number < $1.number }) {
            rows = XLSXReader.mergeRows(rows)
        }
        return rows
    }

    private func readRow(
        _ reader: XMLStreamReader, rowNumber: Int, sheet: String, merges: inout [MergedRegion],
        diagnostics: inout [SpreadsheetDiagnostic]
    ) throws -> [SpreadsheetCell] {
        if reader.isEmptyElement { return [] }
        let startDepth = reader.depth
        var cells: [SpreadsheetCell] = []
        var column = 0
        // Regions covering this row, by first column, walked with a cursor as columns advance.
        let blocked = merges.filter { $0.rows.contains(rowNumber) }.sorted { $0.columns.lowerBound < $1.columns.lowerBound }
        var cursor = 0
        while try reader.next() {
            if reader.isEndElement, reader.depth == startDepth { break }
            guard reader.isStartElement, reader.localNameIs("Cell") else { continue }
            var explicit: Int?
            var across = 0
            var down = 0
            reader.forEachAttribute { attribute, value in
                if XMLStreamReader.equals(attribute, "Index") { explicit = Int(String(cString: value)) }
                else if XMLStreamReader.equals(attribute, "MergeAcross") { across = max(0, Int(String(cString: value)) ?? 0) }
                else if XMLStreamReader.equals(attribute, "MergeDown") { down = max(0, Int(String(cString: value)) ?? 0) }
            }
            if let explicit, explicit >= 1 {
                if explicit - 1 < column { cursor = 0 }
                column = explicit - 1
            } else {
                // Skip columns merged down from above: regions are sorted, so one forward pass
                // over them resolves chains of adjacent merges.
                while cursor < blocked.count, blocked[cursor].columns.lowerBound <= column {
                    if blocked[cursor].columns.upperBound >= column { column = blocked[cursor].columns.upperBound + 1 }
                    cursor += 1
                }
            }
            across = min(across, XLSXReader.maxColumn)
            down = min(down, 65_536)
            let (data, type) = try readCellData(reader)
            if column > XLSXReader.maxColumn {
                diagnostics.append(SpreadsheetDiagnostic(
                    sheet: sheet, row: rowNumber, column: nil,
                    message: "A cell lies beyond the last spreadsheet column and was ignored"))
            } else if let data {
                cells.append(makeCell(column: column, text: data, type: type, sheet: sheet, row: rowNumber, diagnostics: &diagnostics))
            }
            if down > 0, column <= XLSXReader.maxColumn {
                if merges.count < Self.maxMergedRegions {
                    merges.append(MergedRegion(
                        rows: (rowNumber + 1)...(rowNumber + down),
                        columns: column...min(column + across, XLSXReader.maxColumn)))
                } else if diagnostics.count < limits.maxIssues {
                    diagnostics.append(SpreadsheetDiagnostic(
                        sheet: sheet, row: rowNumber, column: column,
                        message: "Too many merged cells overlap here; this merge was ignored"))
                }
            }
            column += 1 + across
        }
        return XLSXReader.isSortedUnique(cells) ? cells : XLSXReader.sortedLastWins(cells)
    }

    /// The text and `ss:Type` of the cell's `<Data>` child; comments and other children are skipped.
    private func readCellData(_ reader: XMLStreamReader) throws -> (String?, String) {
        if reader.isEmptyElement { return (nil, "") }
        let startDepth = reader.depth
        var text: String?
        var type = ""
        while try reader.next() {
            if reader.isEndElement, reader.depth == startDepth { break }
            guard reader.isStartElement else { continue }
            if reader.localNameIs("Data") {
                type = reader.attribute("Type") ?? ""
                text = try reader.elementText()
            } else {
                try reader.skipElement()
            }
        }
        return (text, type)
    }

    private func makeCell(
        column: Int, text: String, type: String, sheet: String, row: Int, diagnostics: inout [SpreadsheetDiagnostic]
    ) -> SpreadsheetCell {
        let trimmed = COBieText.trim(text)
        switch type {
        case "Number":
            if let number = Double(trimmed) { return SpreadsheetCell(column: column, text: text, value: .number(number)) }
        case "DateTime":
            if let date = COBieDateParser.parseISO(trimmed) { return SpreadsheetCell(column: column, text: text, value: .date(date)) }
        case "Boolean":
            return SpreadsheetCell(column: column, text: text, value: .boolean(trimmed == "1" || trimmed.lowercased() == "true"))
        case "Error":
            return SpreadsheetCell(column: column, text: text, value: .error(text))
        default:
            return SpreadsheetCell(column: column, text: text, value: .string(text))
        }
        if !trimmed.isEmpty, diagnostics.count < limits.maxIssues {
            diagnostics.append(SpreadsheetDiagnostic(
                sheet: sheet, row: row, column: column,
                message: "The cell is marked \(type) but holds \"\(text)\"; it was read as text"))
        }
        return SpreadsheetCell(column: column, text: text, value: .string(text))
    }
}
