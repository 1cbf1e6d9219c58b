import Foundation
import ZIPFoundation

/// Decodes an Office Open XML workbook (.xlsx): package relationships → workbook.xml → sheets, shared
/// strings and styles, each part streamed through `XMLStreamReader`.
struct XLSXReader {
    let limits: COBieReadLimits

    struct SheetEntry {
        var name: String
        var relationshipID: String
    }

    struct Relationship {
        var target: String
        var type: String
        var external: Bool
    }

    func read(archive: Archive) throws -> SpreadsheetWorkbook {
        let parts = try ZipPartReader(archive: archive, limits: limits)
        var diagnostics: [SpreadsheetDiagnostic] = []

        // The package relationships name the main part; fall back to the usual location.
        var workbookPath = "xl/workbook.xml"
        if let rootRels = try parts.read("_rels/.rels") {
            let rels = try parseRelationships(rootRels, part: "_rels/.rels", baseDirectory: "")
            if let main = rels.values.first(where: { $0.type.hasSuffix("/officeDocument") && !$0.external }),
               parts.contains(main.target) {
                workbookPath = main.target
            }
        }
        guard let workbookXML = try parts.read(workbookPath) else {
            throw COBieReadError.missingPart(workbookPath)
        }
        let (sheetEntries, uses1904) = try parseWorkbook(workbookXML, part: workbookPath)
        if sheetEntries.count > limits.maxSheets {
            throw COBieReadError.limitExceeded(
                limit: "sheets", part: workbookPath, detail: "\(sheetEntries.count) sheets")
        }
        let directory = Self.directory(of: workbookPath)
        let relsPath = directory + "_rels/" + Self.fileName(of: workbookPath) + ".rels"
        var relationships: [String: Relationship] = [:]
        if let relsXML = try parts.read(relsPath) {
            relationships = try parseRelationships(relsXML, part: relsPath, baseDirectory: directory)
        } else {
            diagnostics.append(SpreadsheetDiagnostic(
                sheet: nil, row: nil, column: nil,
                message: "\(relsPath) is missing; sheet parts are guessed from their usual names"))
        }

        let sharedPath = relationships.values.first { $0.type.hasSuffix("/sharedStrings") }?.target
            ?? directory + "sharedStrings.xml"
        var sharedStrings: [String] = []
        if let sharedXML = try parts.read(sharedPath) {
            sharedStrings = try parseSharedStrings(sharedXML, part: sharedPath)
        }
        let stylesPath = relationships.values.first { $0.type.hasSuffix("/styles") }?.target
            ?? directory + "styles.xml"
        var dateStyles: [Bool] = []
        if let stylesXML = try parts.read(stylesPath) {
            dateStyles = try parseStyles(stylesXML, part: stylesPath)
        }

        var sheets: [SpreadsheetSheet] = []
        var budget = CellBudget(remaining: limits.maxCells)
        for (index, entry) in sheetEntries.enumerated() {
            let path: String
            if let rel = relationships[entry.relationshipID], !rel.external {
                path = rel.target
            } else {
                path = directory + "worksheets/sheet\(index + 1).xml"
            }
            guard let sheetXML = try parts.read(path) else {
                diagnostics.append(SpreadsheetDiagnostic(
                    sheet: entry.name, row: nil, column: nil,
                    message: "Sheet \"\(entry.name)\" is listed in the workbook but its part \(path) is missing"))
                continue
            }
            let context = SheetContext(
                name: entry.name, part: path, sharedStrings: sharedStrings, dateStyles: dateStyles,
                uses1904: uses1904)
            let sheet = try parseSheet(sheetXML, context: context, budget: &budget, diagnostics: &diagnostics)
            sheets.append(sheet)
        }
        return SpreadsheetWorkbook(format: .xlsx, sheets: sheets, diagnostics: diagnostics)
    }

    // MARK: Paths

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Resolves a relationship target: absolute ("/xl/…") from the package root, otherwise relative to
    /// the source part's directory, with "." and ".." segments folded.
    static func resolve(_ target: String, baseDirectory: String) -> String {
        let cleaned = target.replacingOccurrences(of: "\\", with: "/")
        let joined = cleaned.hasPrefix("/") ? String(cleaned.dropFirst()) : baseDirectory + cleaned
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." { _ = segments.popLast(); continue }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }

    // MARK: Small parts

    func parseRelationships(_ xml: Data, part: String, baseDirectory: String) throws -> [String: Relationship] {
        try XMLStreamReader.withReader(xml, part: part, maxNodes: limits.maxXMLNodesPerPart) { reader in
            var result: [String: Relationship] = [:]
            while try reader.next() {
                guard reader.isStartElement, reader.localNameIs("Relationship") else { continue }
                var id: String?, target: String?, type = "", external = false
                reader.forEachAttribute { name, value in
                    if XMLStreamReader.equals(name, "Id") { id = String(cString: value) }
                    else if XMLStreamReader.equals(name, "Target") { target = String(cString: value) }
                    else if XMLStreamReader.equals(name, "Type") { type = String(cString: value) }
                    else if XMLStreamReader.equals(name, "TargetMode") { external = String(cString: value) == "External" }
                }
                if let id, let target {
                    let resolved = external ? target : Self.resolve(target, baseDirectory: baseDirectory)
                    result[id] = Relationship(target: resolved, type: type, external: external)
                }
            }
            return result
        }
    }

    func parseWorkbook(_ xml: Data, part: String) throws -> ([SheetEntry], Bool) {
        try XMLStreamReader.withReader(xml, part: part, maxNodes: limits.maxXMLNodesPerPart) { reader in
            var sheets: [SheetEntry] = []
            var uses1904 = false
            while try reader.next() {
                guard reader.isStartElement else { continue }
                if reader.localNameIs("sheet") {
                    var name: String?, id = ""
                    reader.forEachAttribute { attribute, value in
                        if XMLStreamReader.equals(attribute, "name") { name = String(cString: value) }
                        else if XMLStreamReader.equals(attribute, "id") { id = String(cString: value) }
                    }
                    if let name { sheets.append(SheetEntry(name: name, relationshipID: id)) }
                } else if reader.localNameIs("workbookPr") {
                    if let flag = reader.attribute("date1904") {
                        uses1904 = flag == "1" || flag.lowercased() == "true"
                    }
                }
            }
            return (sheets, uses1904)
        }
    }

    /// Shared strings: plain `<t>` or rich-text runs `<r><t>`, never the phonetic guide `<rPh>`.
    func parseSharedStrings(_ xml: Data, part: String) throws -> [String] {
        try XMLStreamReader.withReader(xml, part: part, maxNodes: limits.maxXMLNodesPerPart) { reader in
            var strings: [String] = []
            while try reader.next() {
                guard reader.isStartElement, reader.localNameIs("si") else { continue }
                if strings.count >= limits.maxSharedStrings {
                    throw COBieReadError.limitExceeded(
                        limit: "shared strings", part: part, detail: "more than \(limits.maxSharedStrings) strings")
                }
                strings.append(try readRichText(reader))
            }
            return strings
        }
    }

    /// Text of a string item (`<si>` or `<is>`) on which the reader stands.
    func readRichText(_ reader: XMLStreamReader) throws -> String {
        if reader.isEmptyElement { return "" }
        let startDepth = reader.depth
        var text = ""
        var inText = false
        var phoneticDepth: Int32?
        while try reader.next() {
            if reader.isStartElement {
                if phoneticDepth == nil, reader.localNameIs("rPh"), !reader.isEmptyElement {
                    phoneticDepth = reader.depth
                } else if reader.localNameIs("t"), !reader.isEmptyElement {
                    inText = true
                }
            } else if reader.isEndElement {
                if reader.depth == startDepth { break }
                if let depth = phoneticDepth, reader.depth == depth { phoneticDepth = nil }
                else if reader.localNameIs("t") { inText = false }
            } else if inText, phoneticDepth == nil, reader.isText {
                text += reader.value
            }
        }
        return text
    }

    /// For each `cellXfs` entry, whether its number format is a date/time format.
    func parseStyles(_ xml: Data, part: String) throws -> [Bool] {
        try XMLStreamReader.withReader(xml, part: part, maxNodes: limits.maxXMLNodesPerPart) { reader in
            var customDate: [Int: Bool] = [:]
            var formatIDs: [Int] = []
            var inCellXfs = false
            while try reader.next() {
                if reader.isStartElement {
                    if reader.localNameIs("numFmt") {
                        var id: Int?, code = ""
                        reader.forEachAttribute { name, value in
                            if XMLStreamReader.equals(name, "numFmtId") { id = Int(String(cString: value)) }
                            else if XMLStreamReader.equals(name, "formatCode") { code = String(cString: value) }
                        }
                        if let id { customDate[id] = ExcelDate.isDateFormatCode(code) }
                    } else if reader.localNameIs("cellXfs") {
                        inCellXfs = !reader.isEmptyElement
                    } else if inCellXfs, reader.localNameIs("xf") {
                        formatIDs.append(reader.attribute("numFmtId").flatMap { Int($0) } ?? 0)
                    }
                } else if reader.isEndElement, reader.localNameIs("cellXfs") {
                    inCellXfs = false
                }
            }
            return formatIDs.map { id in customDate[id] ?? ExcelDate.isBuiltInDateFormat(id) }
        }
    }

    // MARK: Sheets

    struct CellBudget {
        var remaining: Int
    }

    struct SheetContext {
        var name: String
        var part: String
        var sharedStrings: [String]
        var dateStyles: [Bool]
        var uses1904: Bool
    }

    /// Largest grid Excel allows; cells beyond it are reported and dropped.
    static let maxColumn = 16_383
    static let maxRowNumber = 1_048_576

    func parseSheet(
        _ xml: Data, context: SheetContext, budget: inout CellBudget, diagnostics: inout [SpreadsheetDiagnostic]
    ) throws -> SpreadsheetSheet {
        try XMLStreamReader.withReader(xml, part: context.part, maxNodes: limits.maxXMLNodesPerPart) { reader in
            var rows: [SpreadsheetRow] = []
            var lastRowNumber = 0
            var ordered = true
            var cells: [SpreadsheetCell] = []
            var rowNumber = 0
            var inRow = false
            var lastColumn = -1

            func finishRow() throws {
                inRow = false
                guard !cells.isEmpty else { return }
                if rows.count >= limits.maxRowsPerSheet {
                    throw COBieReadError.limitExceeded(
                        limit: "rows per sheet", part: context.part,
                        detail: "sheet \"\(context.name)\" has more than \(limits.maxRowsPerSheet) rows")
                }
                if !Self.isSortedUnique(cells) { cells = Self.sortedLastWins(cells) }
                if let last = rows.last, last.number >= rowNumber { ordered = false }
                rows.append(SpreadsheetRow(number: rowNumber, cells: cells))
                cells = []
            }

            while try reader.next() {
                if reader.isStartElement {
                    if reader.localNameIs("row") {
                        if inRow { try finishRow() }
                        let r = reader.attribute("r").flatMap { Int($0) }
                        rowNumber = (r.map { max(1, min($0, Self.maxRowNumber)) }) ?? (lastRowNumber + 1)
                        lastRowNumber = rowNumber
                        lastColumn = -1
                        inRow = true
                        if reader.isEmptyElement { try finishRow() }
                    } else if reader.localNameIs("c") {
                        if !inRow {
                            // A cell outside any row: treat it as its own row, as Excel would refuse to.
                            rowNumber = lastRowNumber + 1
                            lastRowNumber = rowNumber
                            inRow = true
                        }
                        if let cell = try readCell(
                            reader, context: context, rowNumber: rowNumber, lastColumn: &lastColumn,
                            diagnostics: &diagnostics) {
                            budget.remaining -= 1
                            if budget.remaining < 0 {
                                throw COBieReadError.limitExceeded(
                                    limit: "cells", part: context.part,
                                    detail: "the workbook has more than \(limits.maxCells) non-empty cells")
                            }
                            cells.append(cell)
                        }
                    }
                } else if reader.isEndElement, reader.localNameIs("row") {
                    try finishRow()
                }
            }
            if inRow { try finishRow() }
            if !ordered {
                rows = Self.mergeRows(rows)
            }
            return SpreadsheetSheet(name: context.name, rows: rows)
        }
    }

    private func readCell(
        _ reader: XMLStreamReader, context: SheetContext, rowNumber: Int, lastColumn: inout Int,
        diagnostics: inout [SpreadsheetDiagnostic]
    ) throws -> SpreadsheetCell? {
        var column: Int?
        var styleIndex = 0
        var kind = ""
        reader.forEachAttribute { name, value in
            if XMLStreamReader.equals(name, "r") { column = Self.columnIndex(fromReference: value) }
            else if XMLStreamReader.equals(name, "s") { styleIndex = Int(String(cString: value)) ?? 0 }
            else if XMLStreamReader.equals(name, "t") { kind = String(cString: value) }
        }
        let col = column ?? (lastColumn + 1)
        lastColumn = col
        var valueText: String?
        var inlineText: String?
        if !reader.isEmptyElement {
            let startDepth = reader.depth
            while try reader.next() {
                if reader.isStartElement {
                    if reader.localNameIs("v") {
                        valueText = try reader.elementText()
                    } else if reader.localNameIs("is") {
                        inlineText = try readRichText(reader)
                    } else {
                        try reader.skipElement()  // <f> formulas: the cached <v> is what we keep
                    }
                } else if reader.isEndElement, reader.depth == startDepth {
                    break
                }
            }
        }
        guard col <= Self.maxColumn else {
            diagnostics.append(SpreadsheetDiagnostic(
                sheet: context.name, row: rowNumber, column: nil,
                message: "A cell lies beyond the last spreadsheet column (XFD) and was ignored"))
            return nil
        }
        func diagnose(_ message: String) {
            if diagnostics.count < limits.maxIssues {
                diagnostics.append(SpreadsheetDiagnostic(sheet: context.name, row: rowNumber, column: col, message: message))
            }
        }
        switch kind {
        case "s":
            guard let raw = valueText else { return nil }
            guard let index = Int(COBieText.trim(raw)), index >= 0, index < context.sharedStrings.count else {
                diagnose("The cell points at shared string \(raw), which does not exist")
                return nil
            }
            let text = context.sharedStrings[index]
            return SpreadsheetCell(column: col, text: text, value: .string(text))
        case "inlineStr":
            let text = inlineText ?? valueText ?? ""
            return SpreadsheetCell(column: col, text: text, value: .string(text))
        case "str":
            let text = valueText ?? inlineText ?? ""
            return SpreadsheetCell(column: col, text: text, value: .string(text))
        case "b":
            guard let raw = valueText else { return nil }
            let trimmed = COBieText.trim(raw).lowercased()
            return SpreadsheetCell(column: col, text: raw, value: .boolean(trimmed == "1" || trimmed == "true"))
        case "e":
            guard let raw = valueText else { return nil }
            return SpreadsheetCell(column: col, text: raw, value: .error(raw))
        case "d":
            guard let raw = valueText else { return nil }
            if let date = COBieDateParser.parseISO(COBieText.trim(raw)) {
                return SpreadsheetCell(column: col, text: raw, value: .date(date))
            }
            return SpreadsheetCell(column: col, text: raw, value: .string(raw))
        case "", "n":
            guard let raw = valueText else { return nil }
            let trimmed = COBieText.trim(raw)
            if trimmed.isEmpty { return SpreadsheetCell(column: col, text: raw, value: .string(raw)) }
            guard let number = Double(trimmed) else {
                diagnose("The numeric cell holds \"\(raw)\", which is not a number")
                return SpreadsheetCell(column: col, text: raw, value: .string(raw))
            }
            if styleIndex >= 0, styleIndex < context.dateStyles.count, context.dateStyles[styleIndex],
               let date = ExcelDate.date(serial: number, uses1904: context.uses1904) {
                return SpreadsheetCell(column: col, text: raw, value: .date(date))
            }
            return SpreadsheetCell(column: col, text: raw, value: .number(number))
        default:
            let text = valueText ?? inlineText ?? ""
            diagnose("Unknown cell type \"\(kind)\"; the value was read as text")
            return SpreadsheetCell(column: col, text: text, value: .string(text))
        }
    }

    /// "AB12" → 27; nil if the reference does not start with 1–3 letters.
    static func columnIndex(fromReference pointer: UnsafePointer<CChar>) -> Int? {
        var index = 0
        var letters = 0
        var p = pointer
        while letters < 4 {
            let c = UInt8(bitPattern: p.pointee)
            let upper: UInt8
            if c >= 65, c <= 90 { upper = c } else if c >= 97, c <= 122 { upper = c - 32 } else { break }
            index = index * 26 + Int(upper - 64)
            letters += 1
            p += 1
        }
        guard letters > 0, letters <= 3 else { return nil }
        return index - 1
    }

    static func isSortedUnique(_ cells: [SpreadsheetCell]) -> Bool {
        var previous = -1
        for cell in cells {
            if cell.column <= previous { return false }
            previous = cell.column
        }
        return true
    }

    /// Sorts cells by column; when a column repeats, the later cell wins, as in Excel.
    static func sortedLastWins(_ cells: [SpreadsheetCell]) -> [SpreadsheetCell] {
        var byColumn: [Int: SpreadsheetCell] = [:]
        for cell in cells { byColumn[cell.column] = cell }
        return byColumn.values.sorted { $0.column < $1.column }
    }

    /// Puts rows written out of order back in order, merging rows that share a number.
    static func mergeRows(_ rows: [SpreadsheetRow]) -> [SpreadsheetRow] {
        var byNumber: [Int: [SpreadsheetCell]] = [:]
        for row in rows { byNumber[row.number, default: []].append(contentsOf: row.cells) }
        return byNumber.keys.sorted().map { number in
            SpreadsheetRow(number: number, cells: sortedLastWins(byNumber[number] ?? []))
        }
    }
}
