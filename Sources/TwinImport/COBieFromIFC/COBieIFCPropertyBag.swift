import COBie
import Foundation
import IFC
import STEP

/// The property sets and quantities of one object flattened to name → value, first definition wins.
///
/// Why flatten: COBie columns are looked up by property name whatever the set is called (COBie psets,
/// Pset_ManufacturerTypeInformation, BaseQuantities, vendor sets all carry the same names), so one
/// lookup across sets is what the mapping needs.
struct COBieIFCPropertyBag {
    private var values: [String: IFCPropertyValue] = [:]

    init(_ sets: [IFCPropertySet]) {
        for set in sets {
            for property in set.properties {
                guard let name = property.name.map(COBieText.trim), !name.isEmpty else { continue }
                let key = name.lowercased()
                // A blank property never hides a filled one of the same name in a later set.
                if let existing = values[key], Self.text(of: existing) != nil { continue }
                values[key] = property.value
            }
        }
    }

    /// The first of `names` that has a value, as text.
    func text(_ names: String...) -> COBieField<String> {
        for name in names {
            guard let value = values[name.lowercased()], let text = Self.text(of: value) else { continue }
            return COBieText.isNotApplicable(text) ? .notApplicable : .value(text)
        }
        return .missing
    }

    /// The first of `names` that has a value, as a number with `unit`; text that is not a number stays invalid.
    func quantity(_ names: String..., unit: String?) -> COBieField<COBieQuantity> {
        for name in names {
            guard let value = values[name.lowercased()] else { continue }
            if let number = Self.number(of: value) { return .value(COBieQuantity(value: number, unit: unit)) }
            guard let text = Self.text(of: value) else { continue }
            if COBieText.isNotApplicable(text) { return .notApplicable }
            if let number = Double(text) { return .value(COBieQuantity(value: number, unit: unit)) }
            return .invalid(text)
        }
        return .missing
    }

    /// The first of `names` that has a value, as an ISO 8601 date.
    func date(_ names: String...) -> COBieField<Date> {
        for name in names {
            guard let value = values[name.lowercased()], let text = Self.text(of: value) else { continue }
            if COBieText.isNotApplicable(text) { return .notApplicable }
            return COBieDateParser.parseISO(text).map { .value($0) } ?? .invalid(text)
        }
        return .missing
    }

    static func number(of value: IFCPropertyValue) -> Double? {
        switch value {
        case .single(let v, _): return v?.asDouble
        case .quantity(_, let v, _): return v
        case .attribute(let v): return v.asDouble
        default: return nil
        }
    }

    /// Text of a simple value; nil for `$`, empty strings and structured values COBie has no column for.
    static func text(of value: IFCPropertyValue) -> String? {
        let raw: String?
        switch value {
        case .single(let v, _): raw = v.flatMap(scalarText)
        case .attribute(let v): raw = scalarText(v)
        case .quantity(_, let v, _): raw = v.map { formatted($0) }
        case .enumerated(let values, _), .list(let values, _):
            let parts = values.compactMap(scalarText)
            raw = parts.isEmpty ? nil : parts.joined(separator: ",")
        default: raw = nil
        }
        guard let raw else { return nil }
        let trimmed = COBieText.trim(raw)
        return trimmed.isEmpty ? nil : trimmed
    }

    static func scalarText(_ v: STEPValue) -> String? {
        if let s = v.asString { return s }
        if let e = v.asEnumeration { return e }
        if let i = v.asInt { return String(i) }
        if let d = v.asDouble { return formatted(d) }
        return nil
    }

    static func formatted(_ d: Double) -> String {
        d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}
