/// Checks a decoded workbook against the COBie 2.4 rules and produces a report a facility manager can
/// act on. Never stops early: every row of every sheet is checked, up to `maxIssues` issues.
struct COBieValidator {
    let maxIssues: Int

    private(set) var issues: [COBieValidationIssue] = []
    private(set) var droppedIssues = 0

    init(maxIssues: Int) {
        self.maxIssues = max(1, maxIssues)
    }

    private mutating func add(_ issue: COBieValidationIssue) {
        if issues.count < maxIssues { issues.append(issue) } else { droppedIssues += 1 }
    }

    private mutating func add(
        _ severity: COBieValidationIssue.Severity, _ kind: COBieValidationIssue.Kind, table: COBieSheetTable,
        row: Int?, column: Int?, _ message: String
    ) {
        add(COBieValidationIssue(
            severity: severity, kind: kind, sheet: table.name, row: row,
            column: column.map(SpreadsheetCell.columnLetters), header: column.flatMap(table.headerName(at:)),
            message: message))
    }

    /// Key column of the sheets other rows refer to: Email for Contact, Name elsewhere.
    static func keyHeader(ofSheet name: String) -> String {
        name.lowercased() == "contact" ? "Email" : "Name"
    }

    mutating func validate(workbook: SpreadsheetWorkbook, tables: [String: COBieSheetTable], pickLists: COBiePickLists) {
        for diagnostic in workbook.diagnostics {
            add(COBieValidationIssue(
                severity: .warning, kind: .workbook, sheet: diagnostic.sheet, row: diagnostic.row,
                column: diagnostic.column.map(SpreadsheetCell.columnLetters), header: nil, message: diagnostic.message))
        }
        if tables["picklists"] == nil {
            add(COBieValidationIssue(
                severity: .info, kind: .missingSheet, sheet: nil, row: nil, column: nil, header: nil,
                message: "The workbook has no PickLists sheet, so categories and units were not checked against pick lists."))
        }
        // Keys of every sheet that has a key column, for reference checks.
        var keys: [String: Set<String>] = [:]
        for (name, table) in tables {
            guard let column = table.column(Self.keyHeader(ofSheet: name)) else { continue }
            var set = Set<String>()
            for row in table.dataRows {
                if let cell = row.cell(at: column) {
                    let key = COBieText.trim(cell.text).lowercased()
                    if !key.isEmpty { set.insert(key) }
                }
            }
            keys[name] = set
        }
        for rules in COBieSheetRules.all {
            guard let table = tables[rules.sheet.lowercased()] else {
                if rules.core {
                    add(COBieValidationIssue(
                        severity: .warning, kind: .missingSheet, sheet: rules.sheet, row: nil, column: nil, header: nil,
                        message: "The workbook has no \(rules.sheet) sheet; a COBie handover needs one."))
                }
                continue
            }
            validate(table: table, rules: rules, keys: keys, tables: tables, pickLists: pickLists)
        }
        if droppedIssues > 0 {
            issues.append(COBieValidationIssue(
                severity: .info, kind: .workbook, sheet: nil, row: nil, column: nil, header: nil,
                message: "\(droppedIssues) further issues were not listed (limit \(maxIssues))."))
        }
    }

    private mutating func validate(
        table: COBieSheetTable, rules: COBieSheetRules, keys: [String: Set<String>], tables: [String: COBieSheetTable],
        pickLists: COBiePickLists
    ) {
        let sheet = table.name
        let keyHeader = rules.key[0]
        for header in rules.required where table.column(header) == nil {
            add(.error, .missingColumn, table: table, row: nil, column: nil,
                "The \(sheet) sheet has no \(header) column; COBie requires it. Add the column with its header in the first row.")
        }
        let contactKeys = keys["contact"]
        var seen: [String: Int] = [:]
        let keyColumns = rules.key.map { table.column($0) }
        for row in table.dataRows {
            let rowName = table.text(keyHeader, in: row)
            let label = rowName.isEmpty ? "\(sheet) row \(row.number)" : "\(sheet) \"\(rowName)\" (row \(row.number))"
            // Required values.
            for header in rules.required {
                guard let column = table.column(header) else { continue }
                let value = COBieText.trim(row.cell(at: column)?.text ?? "")
                if value.isEmpty {
                    add(.error, .requiredValueMissing, table: table, row: row.number, column: column,
                        "\(label) has no \(header). Fill it in, or write n/a if it truly does not apply.")
                } else if header == keyHeader, COBieText.isNotApplicable(value) {
                    add(.error, .requiredValueMissing, table: table, row: row.number, column: column,
                        "\(sheet) row \(row.number) has \(header) \"n/a\", but every \(sheet) row needs its own \(header).")
                }
            }
            // Typed values.
            for header in rules.numbers {
                guard let column = table.column(header), let cell = row.cell(at: column) else { continue }
                if case .invalid(let raw) = COBieRowReader.number(from: cell) {
                    add(.error, .invalidNumber, table: table, row: row.number, column: column,
                        "\(label): \(header) \"\(raw)\" is not a number. Enter the number alone; units belong in their own column or on the Facility sheet.")
                }
            }
            for header in rules.dates {
                guard let column = table.column(header), let cell = row.cell(at: column) else { continue }
                if case .invalid(let raw) = COBieRowReader.date(from: cell) {
                    add(.error, .invalidDate, table: table, row: row.number, column: column,
                        "\(label): \(header) \"\(raw)\" is not a date. Use the form 2012-03-23T10:24:06.")
                }
            }
            // Pick lists.
            for (header, list) in rules.pickLists {
                guard let column = table.column(header) else { continue }
                let value = COBieText.trim(row.cell(at: column)?.text ?? "")
                if value.isEmpty || COBieText.isNotApplicable(value) { continue }
                if pickLists.allows(value, inList: list) == false {
                    add(.warning, .notInPickList, table: table, row: row.number, column: column,
                        "\(label): \(header) \"\(value)\" is not in the \(list) pick list. Choose a value from that column of the PickLists sheet.")
                }
            }
            // References.
            if let contactKeys, let column = table.column("CreatedBy") {
                let value = COBieText.trim(row.cell(at: column)?.text ?? "")
                if !value.isEmpty, !COBieText.isNotApplicable(value), !contactKeys.contains(value.lowercased()) {
                    add(.warning, .unresolvedReference, table: table, row: row.number, column: column,
                        "\(label): CreatedBy \"\(value)\" is not an Email on the Contact sheet. Add that contact or correct the address.")
                }
            }
            for reference in rules.references {
                checkReference(reference, table: table, row: row, label: label, keys: keys, tables: tables)
            }
            // Duplicate keys.
            var parts: [String] = []
            var complete = true
            for column in keyColumns {
                let value = column.flatMap { row.cell(at: $0) }.map { COBieText.trim($0.text).lowercased() } ?? ""
                if column == keyColumns[0], value.isEmpty { complete = false }
                parts.append(value)
            }
            if complete {
                let composite = parts.joined(separator: "\u{1F}")
                if let first = seen[composite] {
                    let what = rules.key.count == 1 ? keyHeader : rules.key.joined(separator: " + ")
                    add(.error, .duplicateKey, table: table, row: row.number, column: keyColumns[0],
                        "\(label) repeats row \(first): the same \(what). Each \(sheet) row must be unique; remove or rename the duplicate.")
                } else {
                    seen[composite] = row.number
                }
            }
        }
    }

    private mutating func checkReference(
        _ reference: COBieSheetRules.Reference, table: COBieSheetTable, row: SpreadsheetRow, label: String,
        keys: [String: Set<String>], tables: [String: COBieSheetTable]
    ) {
        switch reference {
        case .names(let header, let targetSheet, let list):
            guard let column = table.column(header) else { return }
            let value = COBieText.trim(row.cell(at: column)?.text ?? "")
            if value.isEmpty || COBieText.isNotApplicable(value) { return }
            let targetKeys = keys[targetSheet.lowercased()] ?? []
            let names = list ? COBieText.splitList(value) : [value]
            let severity: COBieValidationIssue.Severity = targetSheet == "Contact" ? .warning : .error
            for name in names where !targetKeys.contains(name.lowercased()) {
                // A list cell whose whole text is itself a key (names with commas) is fine.
                if list, targetKeys.contains(value.lowercased()) { break }
                let what = Self.keyHeader(ofSheet: targetSheet) == "Email" ? "contact" : targetSheet.lowercased()
                add(severity, .unresolvedReference, table: table, row: row.number, column: column,
                    "\(label): \(header) names \(what) \"\(name)\", which is not on the \(targetSheet) sheet. Add that \(what) or correct the name.")
            }
        case .sheetRow(let sheetHeader, let rowHeaders, let list):
            guard let sheetColumn = table.column(sheetHeader) else { return }
            let sheetName = COBieText.trim(row.cell(at: sheetColumn)?.text ?? "")
            if sheetName.isEmpty || COBieText.isNotApplicable(sheetName) { return }
            guard let targetKeys = keys[sheetName.lowercased()] else {
                let exists = tables[sheetName.lowercased()] != nil
                add(.error, .unresolvedReference, table: table, row: row.number, column: sheetColumn,
                    exists
                        ? "\(label): \(sheetHeader) \"\(sheetName)\" is a sheet without named rows; refer to a sheet such as Space, Type or Component."
                        : "\(label): \(sheetHeader) \"\(sheetName)\" is not a sheet of this workbook. Correct the sheet name.")
                return
            }
            for rowHeader in rowHeaders {
                guard let column = table.column(rowHeader) else { continue }
                let value = COBieText.trim(row.cell(at: column)?.text ?? "")
                if value.isEmpty || COBieText.isNotApplicable(value) { continue }
                let names = list ? COBieText.splitList(value) : [value]
                if list, targetKeys.contains(value.lowercased()) { continue }
                for name in names where !targetKeys.contains(name.lowercased()) {
                    add(.error, .unresolvedReference, table: table, row: row.number, column: column,
                        "\(label): \(rowHeader) \"\(name)\" is not a row of the \(sheetName) sheet. Correct the name or the \(sheetHeader).")
                }
            }
        }
    }
}
