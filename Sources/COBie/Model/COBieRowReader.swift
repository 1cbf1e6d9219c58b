import Foundation

/// Typed access to one data row by column name, used to build records. Lenient by design: text that
/// does not parse becomes `.invalid(text)`; the validator reports it.
struct COBieRowReader {
    let table: COBieSheetTable
    let row: SpreadsheetRow
    let units: COBieUnits
    /// Columns the record does not consume (computed once per sheet): they become extra attributes.
    let extraColumns: [(column: Int, name: String)]

    /// The columns of `table` whose headers are not among `knownHeaders` (normalized keys).
    static func extraColumns(of table: COBieSheetTable, knownHeaders: Set<String>) -> [(column: Int, name: String)] {
        table.headers.filter { !knownHeaders.contains(COBieSheetTable.normalize($0.name)) }
    }

    var source: COBieSource { COBieSource(sheet: table.name, row: row.number) }

    private func cell(_ header: String) -> SpreadsheetCell? {
        guard let column = table.column(header) else { return nil }
        return row.cell(at: column)
    }

    /// The key (Name/Email): trimmed text, "" when blank.
    func key(_ header: String) -> String {
        COBieText.trim(cell(header)?.text ?? "")
    }

    func text(_ header: String) -> COBieField<String> {
        let trimmed = COBieText.trim(cell(header)?.text ?? "")
        if trimmed.isEmpty { return .missing }
        if COBieText.isNotApplicable(trimmed) { return .notApplicable }
        return .value(trimmed)
    }

    func category(_ header: String) -> COBieField<COBieCategory> {
        switch text(header) {
        case .value(let t): return .value(COBieCategory(parsing: t))
        case .notApplicable: return .notApplicable
        case .missing: return .missing
        case .invalid(let raw): return .invalid(raw)
        }
    }

    func list(_ header: String) -> COBieField<[String]> {
        switch text(header) {
        case .value(let t):
            let items = COBieText.splitList(t)
            return items.isEmpty ? .missing : .value(items)
        case .notApplicable: return .notApplicable
        case .missing: return .missing
        case .invalid(let raw): return .invalid(raw)
        }
    }

    func date(_ header: String) -> COBieField<Date> {
        guard let cell = cell(header) else { return .missing }
        return Self.date(from: cell)
    }

    static func date(from cell: SpreadsheetCell) -> COBieField<Date> {
        let trimmed = COBieText.trim(cell.text)
        if trimmed.isEmpty { return .missing }
        if COBieText.isNotApplicable(trimmed) { return .notApplicable }
        switch cell.value {
        case .date(let d): return .value(d)
        case .number(let serial):
            // A date column whose style was lost still holds an Excel serial day.
            if let d = ExcelDate.date(serial: serial, uses1904: false) { return .value(d) }
            return .invalid(trimmed)
        default:
            if let d = COBieDateParser.parseISO(trimmed) { return .value(d) }
            return .invalid(trimmed)
        }
    }

    func number(_ header: String) -> COBieField<Double> {
        guard let cell = cell(header) else { return .missing }
        return Self.number(from: cell)
    }

    static func number(from cell: SpreadsheetCell) -> COBieField<Double> {
        let trimmed = COBieText.trim(cell.text)
        if trimmed.isEmpty { return .missing }
        if COBieText.isNotApplicable(trimmed) { return .notApplicable }
        if case .number(let n) = cell.value { return .value(n) }
        if let n = Double(trimmed), n.isFinite { return .value(n) }
        // "1,234.5" as typed by people.
        let plain = trimmed.replacingOccurrences(of: ",", with: "")
        if plain != trimmed, let n = Double(plain), n.isFinite { return .value(n) }
        return .invalid(trimmed)
    }

    /// A number whose unit is named in another column of the same row.
    func quantity(_ header: String, unitColumn: String) -> COBieField<COBieQuantity> {
        quantity(header, unit: text(unitColumn).value)
    }

    func quantity(_ header: String, unit: String?) -> COBieField<COBieQuantity> {
        switch number(header) {
        case .value(let v): return .value(COBieQuantity(value: v, unit: unit))
        case .notApplicable: return .notApplicable
        case .missing: return .missing
        case .invalid(let raw): return .invalid(raw)
        }
    }

    /// Columns the COBie sheet does not define, kept by header name (non-empty values only).
    func extras() -> [String: String] {
        var result: [String: String] = [:]
        for (column, name) in extraColumns {
            if let cell = row.cell(at: column) {
                let value = COBieText.trim(cell.text)
                if !value.isEmpty { result[name] = value }
            }
        }
        return result
    }
}
