import CapacityCore
import Foundation
import TwinDomain

/// Builds the capacity engine's power chain from the twin: which PDUs feed a rack, which UPS (or
/// PDU) feeds a PDU, and each node's feed label and rating. An explicit `FedBy` property (names or
/// ids, comma-separated) always wins; otherwise a PDU hangs from the UPS of its electrical system
/// (the sample's "Critical power A"), and a rack from the PDUs named after its row
/// (`DC1-A01-PDU-A` feeds `DC1-A01-R…`) or, failing that, the PDUs of its row in its space.
enum PowerChainInference {
    /// A floor PDU when the model gives no rating: 400 V three-phase, 125 A, 80 % (69.3 kW).
    static let defaultPDU = (voltage: 400.0, amperage: 125.0, phases: 3, maxUtilisation: 0.8)

    static func isUPS(_ row: CapacityAssetRow) -> Bool {
        row.kind == .powerUnit && row.properties["predefinedType"]?.uppercased() == "UPS"
    }

    static func isPDU(_ row: CapacityAssetRow) -> Bool {
        row.kind == .powerUnit && !isUPS(row)
            && (row.properties["objectType"]?.uppercased() == "PDU" || row.name.uppercased().contains("PDU"))
    }

    /// `A` from `Critical power A` or `DC1-A01-PDU-A`; nil when neither says.
    static func feedLabel(_ row: CapacityAssetRow, systems: [UUID: String]) -> String? {
        for id in row.systemIDs {
            if let name = systems[id], let last = name.split(separator: " ").last, last.count == 1 { return last.uppercased() }
        }
        if let dash = row.name.lastIndex(of: "-") {
            let tail = row.name[row.name.index(after: dash)...]
            if tail.count == 1 { return tail.uppercased() }
        }
        return nil
    }

    static func numbers(_ text: String?) -> Double? { text.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }

    /// A rating written in a type's name, the model's last word when no property carries one:
    /// `CRAC 100kW downflow` → 100,000 W, `UPS 500kVA modular` → 450,000 W (kVA at a 0.9 power
    /// factor), `Floor PDU 150kVA`, `1.5 MW`. Nil when the name holds none.
    static func ratingInName(_ name: String) -> Double? {
        let scalars = Array(name.lowercased().unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard CharacterSet.decimalDigits.contains(scalars[index]) else { index += 1; continue }
            var end = index
            while end < scalars.count, CharacterSet.decimalDigits.contains(scalars[end]) || scalars[end] == "." { end += 1 }
            let number = Double(String(String.UnicodeScalarView(scalars[index..<end])))
            var unitStart = end
            while unitStart < scalars.count, scalars[unitStart] == " " { unitStart += 1 }
            let rest = String(String.UnicodeScalarView(scalars[unitStart..<min(unitStart + 3, scalars.count)]))
            if let number {
                if rest.hasPrefix("kva") { return number * 1_000 * 0.9 }
                if rest.hasPrefix("mva") { return number * 1_000_000 * 0.9 }
                if rest.hasPrefix("kw") { return number * 1_000 }
                if rest.hasPrefix("mw") { return number * 1_000_000 }
            }
            index = end
        }
        return nil
    }

    /// The nodes (UPSs, PDUs) and each rack's feeds, by asset id (lower-case text).
    static func infer(_ rows: [CapacityAssetRow], systems: [UUID: String]) -> (nodes: [CapacityInput.PowerNode], rackFeeds: [UUID: [String]]) {
        let units = rows.filter { $0.kind == .powerUnit }
        var byName: [String: UUID] = [:]
        for unit in units { byName[unit.name.lowercased()] = unit.id }
        func resolve(_ list: String) -> [String] {
            list.split(separator: ",").compactMap { part in
                let text = part.trimmingCharacters(in: .whitespaces).lowercased()
                if let id = UUID(uuidString: text), units.contains(where: { $0.id == id }) { return id.uuidString.lowercased() }
                return byName[text]?.uuidString.lowercased()
            }
        }
        let upsBySystem: [UUID: UUID] = Dictionary(units.filter(isUPS).flatMap { ups in ups.systemIDs.map { ($0, ups.id) } },
                                                   uniquingKeysWith: { a, _ in a })
        var nodes: [CapacityInput.PowerNode] = []
        for unit in units where isUPS(unit) || isPDU(unit) || unit.properties["FedBy"] != nil {
            var upstream = unit.properties["FedBy"].map(resolve) ?? []
            if upstream.isEmpty, isPDU(unit) {
                upstream = unit.systemIDs.compactMap { upsBySystem[$0]?.uuidString.lowercased() }
            }
            let voltage = numbers(unit.properties["Voltage"]), amperage = numbers(unit.properties["Amperage"])
            let fromType = unit.typeName.flatMap(ratingInName)
            let rated = unit.ratedCapacityW ?? (voltage == nil || amperage == nil ? fromType : nil)
            let phases = numbers(unit.properties["Phases"]).map { Int($0) } ?? defaultPDU.phases
            let utilisation = numbers(unit.properties["MaxUtilization"]).map { $0 > 1 ? $0 / 100 : $0 } ?? defaultPDU.maxUtilisation
            // A UPS without any rating is not assumed to have one: unlimited, reported as unrated.
            let unrated = isUPS(unit) && rated == nil && (voltage == nil || amperage == nil)
            let source = unit.ratedCapacityW != nil ? "rated" : (voltage != nil && amperage != nil) ? "properties"
                : fromType != nil ? "type name" : unrated ? "unrated" : "default"
            nodes.append(CapacityInput.PowerNode(
                id: unit.id.uuidString.lowercased(), name: unit.name, feed: feedLabel(unit, systems: systems),
                voltage: voltage ?? defaultPDU.voltage, amperage: amperage ?? defaultPDU.amperage, phases: phases == 1 ? 1 : 3,
                maxUtilisation: min(max(utilisation, 0.01), 1), ratedW: unrated ? .infinity : rated, upstream: upstream,
                ratingSource: source))
        }
        let pdus = units.filter(isPDU)
        // PDUs by the row prefix their name starts with (`DC1-A01-` for `DC1-A01-PDU-A`), per building.
        var byPrefix: [String: [CapacityAssetRow]] = [:]
        for pdu in pdus {
            guard let range = pdu.name.range(of: "-PDU", options: [.caseInsensitive, .backwards]) else { continue }
            byPrefix[(pdu.buildingID?.uuidString ?? "") + "/" + pdu.name[..<range.lowerBound] + "-", default: []].append(pdu)
        }
        var rackFeeds: [UUID: [String]] = [:]
        for rack in rows where rack.kind == .rack {
            if let fedBy = rack.properties["FedBy"] {
                rackFeeds[rack.id] = resolve(fedBy)
                continue
            }
            // Every prefix of the rack's name that ends in `-`, longest first.
            var feeds: [CapacityAssetRow] = []
            let building = (rack.buildingID?.uuidString ?? "") + "/"
            var index = rack.name.endIndex
            while feeds.isEmpty, let dash = rack.name[..<index].lastIndex(of: "-") {
                feeds = byPrefix[building + rack.name[...dash]] ?? []
                index = dash
            }
            if feeds.isEmpty, let row = rack.properties["RowName"] {
                feeds = pdus.filter { $0.spaceID == rack.spaceID && $0.name.contains(row) }
            }
            rackFeeds[rack.id] = feeds.map { $0.id.uuidString.lowercased() }
        }
        return (nodes, rackFeeds)
    }
}
