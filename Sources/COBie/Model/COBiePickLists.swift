/// The PickLists sheet: each column is a named list of allowed values (e.g. "Category-Product",
/// "DurationUnit"). Comparison is case-insensitive and ignores surrounding spaces.
public struct COBiePickLists: Sendable, Equatable {
    /// Allowed values by list name (the PickLists header), in sheet order.
    public private(set) var lists: [String: [String]]
    private var lookup: [String: Set<String>]
    /// Classification codes of each list, lowercased, so "23-13 11 11" matches "23-13 11 11: Boilers".
    private var codes: [String: Set<String>]

    public init(lists: [String: [String]] = [:]) {
        self.lists = lists
        self.lookup = [:]
        self.codes = [:]
        for (name, values) in lists {
            let lowered = values.map { COBieText.trim($0).lowercased() }
            lookup[Self.key(name)] = Set(lowered)
            codes[Self.key(name)] = Set(lowered.compactMap { COBieCategory(parsing: $0).code })
        }
    }

    static func key(_ name: String) -> String { COBieSheetTable.normalize(name) }

    /// Builds the lists from the PickLists sheet: header cells name the lists, values run down below.
    init(table: COBieSheetTable) {
        var lists: [String: [String]] = [:]
        for (column, name) in table.headers {
            var values: [String] = []
            for row in table.dataRows {
                if let cell = row.cell(at: column) {
                    let value = COBieText.trim(cell.text)
                    if !value.isEmpty { values.append(value) }
                }
            }
            lists[name, default: []].append(contentsOf: values)
        }
        self.init(lists: lists)
    }

    /// Whether the list exists and has at least one value (so it can be checked against).
    public func hasList(_ name: String) -> Bool {
        !(lookup[Self.key(name)]?.isEmpty ?? true)
    }

    /// Nil when the workbook has no such list; otherwise whether `value` is allowed. A classification
    /// also matches on its code alone ("23-13 11 11" for "23-13 11 11: Boilers").
    public func allows(_ value: String, inList name: String) -> Bool? {
        guard let allowed = lookup[Self.key(name)], !allowed.isEmpty else { return nil }
        let wanted = COBieText.trim(value).lowercased()
        if allowed.contains(wanted) { return true }
        let code = COBieCategory(parsing: wanted).code ?? wanted
        return allowed.contains(code) || (codes[Self.key(name)]?.contains(code) ?? false)
    }
}
