import Foundation

extension XLSXReader {
    /// Decodes package parts handed over directly, without a zip container: lets tests and the fuzzer
    /// drive every XML layer with arbitrary bytes (random bytes almost never form a valid zip).
    func decodeLooseParts(
        workbook: Data?, relationships: Data?, sharedStrings: Data?, styles: Data?, sheets: [(String, Data)]
    ) throws -> SpreadsheetWorkbook {
        var uses1904 = false
        if let workbook { uses1904 = try parseWorkbook(workbook, part: "xl/workbook.xml").1 }
        if let relationships {
            _ = try parseRelationships(relationships, part: "xl/_rels/workbook.xml.rels", baseDirectory: "xl/")
        }
        let strings = try sharedStrings.map { try parseSharedStrings($0, part: "xl/sharedStrings.xml") } ?? []
        let dateStyles = try styles.map { try parseStyles($0, part: "xl/styles.xml") } ?? []
        var budget = CellBudget(remaining: limits.maxCells)
        var diagnostics: [SpreadsheetDiagnostic] = []
        var decoded: [SpreadsheetSheet] = []
        for (name, data) in sheets {
            let context = SheetContext(
                name: name, part: "xl/worksheets/\(name).xml", sharedStrings: strings, dateStyles: dateStyles,
                uses1904: uses1904)
            decoded.append(try parseSheet(data, context: context, budget: &budget, diagnostics: &diagnostics))
        }
        return SpreadsheetWorkbook(format: .xlsx, sheets: decoded, diagnostics: diagnostics)
    }
}
