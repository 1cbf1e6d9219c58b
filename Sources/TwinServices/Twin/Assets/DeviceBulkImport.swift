import Foundation
import TwinDomain

/// Devices into racks from a CSV file, NetBox-style: every row checked (required columns, numbers,
/// the rack by name in the building, the units free of devices and of earlier rows), each problem
/// named by row and column. `allOrNothing` writes nothing unless every row is valid, then all rows
/// in one transaction; otherwise each valid row is created on its own and the rest reported.
public struct DeviceBulkImport: Sendable {
    public struct RowError: Sendable, Hashable {
        public var row: Int
        public var column: String
        public var message: String
    }

    public struct RowResult: Sendable {
        public var row: Int
        public var assetID: UUID?
        public var name: String?
        public var errors: [RowError]
    }

    public struct Report: Sendable {
        public var written: Bool
        public var rows: [RowResult]
        public var created: Int { rows.filter { $0.assetID != nil }.count }
        public var refused: Int { rows.filter { !$0.errors.isEmpty }.count }
    }

    public enum ImportError: Error, Sendable, Equatable {
        /// The file itself is unreadable (not CSV, no header, unknown or missing columns).
        case file(line: Int, column: String, reason: String)
    }

    static let columns = ["name", "rack", "u_position", "u_height", "kind", "type", "serial", "asset_tag", "power_draw_w", "weight_kg",
                          "allocated_power_w", "installed_on", "description", "ip"]
    static let required = ["name", "rack", "u_position"]

    let store: any CapacityRepository & TwinRepository
    let assets: AssetService

    public init(store: any CapacityRepository & TwinRepository, assets: AssetService) {
        self.store = store
        self.assets = assets
    }

    /// Nil when the building is not visible to the caller.
    public func run(csv: [UInt8], buildingID: UUID, allOrNothing: Bool, by principal: Principal,
                    context: AuditContext) async throws -> Report? {
        guard let building = try await store.building(id: buildingID, scope: principal.scope(for: .assetsRead)) else { return nil }
        let table: CSVTable
        do { table = try CSVTable.parse(csv) } catch {
            throw ImportError.file(line: error.line, column: "\(error.column)", reason: error.reason)
        }
        for (index, name) in table.header.enumerated() where !Self.columns.contains(name) {
            throw ImportError.file(line: 1, column: name.isEmpty ? "\(index + 1)" : name,
                                   reason: "unknown column; columns are \(Self.columns.joined(separator: ", "))")
        }
        for name in Self.required where !table.header.contains(name) {
            throw ImportError.file(line: 1, column: name, reason: "required column missing")
        }
        guard !table.rows.isEmpty else { throw ImportError.file(line: 2, column: "1", reason: "no rows after the header") }

        // The building's racks and the units their devices take, read once.
        let rows = try await store.capacityAssets(siteID: building.siteID, buildingID: buildingID, scope: .everything)
        var racks: [String: CapacityAssetRow] = [:]
        for row in rows where row.kind == .rack && row.rack != nil { racks[row.name.lowercased()] = row }
        var taken: [UUID: [ClosedRange<Int>]] = [:]
        for row in rows where row.kind != .rack {
            if let parent = row.parentID, let m = row.mounting { taken[parent, default: []].append(m.uPosition...(m.uPosition + m.uHeight - 1)) }
        }
        var types: [String: UUID] = [:]
        var cursor: String?
        repeat {
            let page = try await store.assetTypes(siteID: building.siteID, page: PageRequest(cursor: cursor, limit: PageRequest.maximumLimit),
                                                  scope: .everything)
            for type in page.items { types[type.name.lowercased()] = type.id }
            cursor = page.nextCursor
        } while cursor != nil && types.count < 100_000

        var results: [RowResult] = []
        var inputs: [(row: Int, input: NewAsset)] = []
        for row in table.rows {
            var errors: [RowError] = []
            func cell(_ name: String) -> String? {
                guard let index = table.header.firstIndex(of: name), index < row.cells.count else { return nil }
                let value = row.cells[index].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            func fail(_ column: String, _ message: String) { errors.append(RowError(row: row.line, column: column, message: message)) }
            if row.cells.count > table.header.count { fail("\(table.header.count + 1)", "more cells than the header has columns") }
            // A cell a spreadsheet would run as a formula is refused, not stored; so are control
            // characters (NUL, escapes), as everywhere text enters.
            for (index, value) in row.cells.enumerated() where index < table.header.count {
                if let found = ControlCharacters.first(in: value, allowing: index < table.header.count && table.header[index] == "description" ? ["\n", "\t"] : []) {
                    fail(table.header[index], "holds a control character (U+\(String(format: "%04X", found.scalar.value))) at \(found.offset + 1)")
                    continue
                }
                if let first = value.unicodeScalars.first, "=+@\t\r".unicodeScalars.contains(first)
                    || (first == "-" && Double(value) == nil) {
                    fail(table.header[index], "looks like a spreadsheet formula")
                }
            }
            func number(_ name: String, _ range: ClosedRange<Double>) -> Double? {
                guard let text = cell(name) else { return nil }
                guard let value = Double(text), value.isFinite, range.contains(value) else {
                    fail(name, "must be a number in \(Int(range.lowerBound))…\(Int(range.upperBound))")
                    return nil
                }
                return value
            }
            let name = cell("name")
            if name == nil { fail("name", "required") }
            let kind = cell("kind").map { AssetKind(rawValue: $0.lowercased()) } ?? .device
            if kind == nil { fail("kind", "unknown kind (one of \(AssetKind.allCases.map(\.rawValue).joined(separator: ", ")))") }
            let rack = cell("rack").flatMap { racks[$0.lowercased()] }
            if let text = cell("rack"), rack == nil { fail("rack", "no rack '\(text.prefix(80))' in \(building.name)") }
            if cell("rack") == nil { fail("rack", "required") }
            let position = number("u_position", 1...1_000).map(Int.init)
            if cell("u_position") == nil { fail("u_position", "required") }
            let height = number("u_height", 1...60).map(Int.init) ?? 1
            var typeID: UUID?
            if let type = cell("type") {
                typeID = types[type.lowercased()]
                if typeID == nil { fail("type", "no asset type '\(type.prefix(80))' in this site") }
            }
            let power = number("power_draw_w", 0...200_000), weight = number("weight_kg", 0...3_000)
            let allocated = number("allocated_power_w", 0...200_000)
            var installed: Date?
            if let text = cell("installed_on") {
                installed = Self.date(text)
                if installed == nil { fail("installed_on", "an RFC 3339 date-time or YYYY-MM-DD") }
            }
            if let rack, let position, let capacity = rack.rack {
                let units = position...(position + height - 1)
                if units.upperBound > capacity.uHeight {
                    fail("u_position", "U\(units.lowerBound)–U\(units.upperBound) does not fit the rack's \(capacity.uHeight)U")
                } else if let clash = (taken[rack.id] ?? []).first(where: { $0.overlaps(units) }) {
                    fail("u_position", "U\(units.lowerBound)–U\(units.upperBound) overlaps U\(clash.lowerBound)–U\(clash.upperBound), already taken")
                } else if errors.isEmpty {
                    taken[rack.id, default: []].append(units)
                }
            }
            if errors.isEmpty, let name, let kind, let rack, let position {
                var properties: [String: DocumentValue] = [:]
                if let allocated { properties["AllocatedPowerW"] = .double(allocated) }
                if let ip = cell("ip") { properties["IPAddress"] = .string(ip) }
                let input = NewAsset(typeID: typeID, parentID: rack.id, kind: kind, name: name, tag: cell("asset_tag"),
                                     serialNumber: cell("serial"), description: cell("description"),
                                     mounting: RackMounting(uPosition: position, uHeight: height), powerDrawW: power,
                                     weightKg: weight, installedOn: installed, properties: properties)
                // The asset service's own rules (name length, kinds that may sit in a rack), as row errors.
                do {
                    try AssetService.validate(input)
                    inputs.append((row.line, input))
                } catch AssetWriteError.invalid(let problems) {
                    for problem in problems {
                        fail(problem.split(separator: ":", maxSplits: 1).first.map(String.init) ?? "row", problem)
                    }
                    taken[rack.id]?.removeLast()
                }
            }
            results.append(RowResult(row: row.line, assetID: nil, name: name, errors: errors))
        }

        if allOrNothing {
            guard results.allSatisfy({ $0.errors.isEmpty }) else { return Report(written: false, rows: results) }
            let stored = try await assets.createAll(inputs.map(\.input), siteID: building.siteID, buildingID: buildingID,
                                                    by: principal, context: context)
            for (index, asset) in stored.enumerated() {
                if let at = results.firstIndex(where: { $0.row == inputs[index].row }) { results[at].assetID = asset.id }
            }
            return Report(written: true, rows: results)
        }
        for (row, input) in inputs {
            guard let at = results.firstIndex(where: { $0.row == row }) else { continue }
            do {
                results[at].assetID = try await assets.create(input, by: principal, context: context).id
            } catch let error as AssetWriteError {
                results[at].errors.append(RowError(row: row, column: "row", message: "\(error)"))
            }
        }
        return Report(written: results.contains { $0.assetID != nil }, rows: results)
    }

    /// `2026-03-01` or an RFC 3339 date-time.
    static func date(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}
