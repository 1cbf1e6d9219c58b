import Foundation
import IFC

/// One object's property and quantity sets, looked up by (set, property) with `Qto_*`-style
/// wildcards, so the importer can say "Atrium_Device.PowerDrawW, else Pset_ElectricalDeviceCommon.…".
struct IFCPropertyLookup {
    /// Occurrence sets first (see `init`).
    let sets: [IFCPropertySet]
    /// Lower-cased property name → (lower-cased set name, value), occurrence sets first. Built once so
    /// the many lookups per asset are hash probes, not case-insensitive string compares.
    private let byProperty: [String: [(set: String, value: IFCPropertyValue)]]

    /// `sets` in merge order (type sets first, then the occurrence's); lookups search the
    /// occurrence's first so its values win, as when merging by name.
    init(_ sets: [IFCPropertySet]) {
        self.sets = sets.reversed()
        var index: [String: [(set: String, value: IFCPropertyValue)]] = [:]
        for set in self.sets {
            let setName = (set.name ?? "").lowercased()
            for p in set.properties {
                guard let name = p.name else { continue }
                index[name.lowercased(), default: []].append((setName, p.value))
            }
        }
        byProperty = index
    }

    var names: Set<String> { Set(sets.compactMap(\.name)) }

    /// The value of the first (set, property) pair present; a set name ending in `*` is a prefix.
    func value(_ candidates: [(set: String, property: String)]) -> IFCPropertyValue? {
        for (setName, propertyName) in candidates {
            guard let entries = byProperty[propertyName.lowercased()] else { continue }
            let wanted = setName.lowercased()
            if wanted.hasSuffix("*") {
                let prefix = wanted.dropLast()
                if let hit = entries.first(where: { $0.set.hasPrefix(prefix) }) { return hit.value }
            } else if let hit = entries.first(where: { $0.set == wanted }) {
                return hit.value
            }
        }
        return nil
    }

    func double(_ candidates: [(set: String, property: String)]) -> Double? {
        for c in candidates {
            guard let v = value([c]) else { continue }
            if let d = Self.number(v), d.isFinite { return d }
        }
        return nil
    }

    func int(_ candidates: [(set: String, property: String)]) -> Int? {
        guard let d = double(candidates), d.rounded() == d, abs(d) < 1e9 else { return nil }
        return Int(d)
    }

    func string(_ candidates: [(set: String, property: String)]) -> String? {
        for c in candidates {
            guard let v = value([c]), let s = Self.text(v)?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { continue }
            return s
        }
        return nil
    }

    /// All properties of a set as plain values (numbers, text, booleans), for an asset's listing properties.
    func plainValues(of setName: String) -> [String: DocumentValueConvertible] {
        var out: [String: DocumentValueConvertible] = [:]
        for set in sets.reversed() where Self.matches(set.name, setName) {
            for p in set.properties {
                guard let name = p.name else { continue }
                if let d = Self.number(p.value) { out[name] = .number(d) } else if let s = Self.text(p.value) { out[name] = .text(s) }
            }
        }
        return out
    }

    enum DocumentValueConvertible { case number(Double), text(String) }

    static func scalarText(_ v: STEPValue) -> String? {
        if let s = v.asString { return s }
        if let e = v.asEnumeration { return e }
        if let d = v.asDouble { return d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : String(d) }
        return nil
    }

    static func matches(_ name: String?, _ pattern: String) -> Bool {
        guard let name else { return false }
        if pattern.hasSuffix("*") { return name.lowercased().hasPrefix(pattern.dropLast().lowercased()) }
        return name.caseInsensitiveCompare(pattern) == .orderedSame
    }

    static func number(_ value: IFCPropertyValue) -> Double? {
        switch value {
        case .single(let v, _): return v?.asDouble ?? v?.asString.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        case .quantity(_, let v, _): return v
        case .attribute(let v): return v.asDouble
        default: return nil
        }
    }

    static func text(_ value: IFCPropertyValue) -> String? {
        switch value {
        case .single(let v, _):
            return v.flatMap(scalarText)
        case .attribute(let v):
            return scalarText(v)
        case .enumerated(let values, _):
            let parts = values.compactMap { $0.asEnumeration ?? $0.asString }
            return parts.isEmpty ? nil : parts.joined(separator: ",")
        default:
            return nil
        }
    }
}
