import COBie
import Foundation
import TwinDomain

/// COBie cells as document values: what `COBieField` distinguishes (value, n/a, blank, invalid text)
/// survives, so a BIM document shows exactly what the workbook said.
protocol COBieDocumentConvertible {
    /// nil for blank cells (left out of the document).
    var documentValue: DocumentValue? { get }
}

extension COBieField: COBieDocumentConvertible {
    var documentValue: DocumentValue? {
        switch self {
        case .value(let v): return COBieValues.document(v)
        case .notApplicable: return .string("n/a")
        case .missing: return nil
        case .invalid(let text): return .object(["invalid": .string(text)])
        }
    }
}

enum COBieValues {
    static func document(_ v: Any) -> DocumentValue {
        switch v {
        case let s as String: return .string(s)
        case let d as Double: return d.isFinite ? .double(d) : .null
        case let i as Int: return .int(Int64(i))
        case let b as Bool: return .bool(b)
        case let date as Date: return .string(iso(date))
        case let q as COBieQuantity:
            var o: [String: DocumentValue] = ["value": q.value.isFinite ? .double(q.value) : .null]
            if let unit = q.unit { o["unit"] = .string(unit) }
            return .object(o)
        case let c as COBieCategory:
            var o: [String: DocumentValue] = ["text": .string(c.text)]
            if let code = c.code { o["code"] = .string(code) }
            if let d = c.description { o["description"] = .string(d) }
            return .object(o)
        case let list as [String]: return .array(list.map { .string($0) })
        default: return .string(String(describing: v))
        }
    }

    /// `2025-11-03T00:00:00Z`.
    static func iso(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }

    /// A record's fields by name (Mirror over the typed record), blanks left out; `extraColumns` merged in.
    static func attributes(of record: Any) -> [String: DocumentValue] {
        var out: [String: DocumentValue] = [:]
        for child in Mirror(reflecting: record).children {
            guard let label = child.label else { continue }
            switch child.value {
            case let field as any COBieDocumentConvertible:
                if let v = field.documentValue { out[label] = v }
            case let name as String where label == "name":
                out[label] = .string(name)
            case let external as COBieExternalReference:
                var o: [String: DocumentValue] = [:]
                if let v = external.system.documentValue { o["system"] = v }
                if let v = external.object.documentValue { o["object"] = v }
                if let v = external.identifier.documentValue { o["identifier"] = v }
                if !o.isEmpty { out[label] = .object(o) }
            case let extras as [String: String] where label == "extraColumns":
                for (k, v) in extras where out[k] == nil { out[k] = .string(v) }
            case let source as COBieSource:
                out["row"] = .int(Int64(source.row))
                out["sheet"] = .string(source.sheet)
            default:
                continue
            }
        }
        return out
    }

    /// Metres per unit of a COBie LinearUnits value (`meters`, `millimeters`, `feet`, `inches`…); 1 if unknown.
    static func linearScale(_ unit: String?) -> Double {
        let u = (unit ?? "").lowercased().replacingOccurrences(of: " ", with: "")
        if u.hasPrefix("milli") || u == "mm" { return 0.001 }
        if u.hasPrefix("centi") || u == "cm" { return 0.01 }
        if u.hasPrefix("kilo") || u == "km" { return 1000 }
        if u.hasPrefix("f") || u == "ft" { return 0.3048 }
        if u.hasPrefix("inch") || u == "in" { return 0.0254 }
        return 1
    }

    /// Square metres per unit of AreaUnits.
    static func areaScale(_ unit: String?) -> Double {
        let u = (unit ?? "").lowercased().replacingOccurrences(of: " ", with: "")
        if u.contains("feet") || u.contains("foot") || u.contains("ft") { return 0.09290304 }
        if u.contains("milli") || u == "mm2" { return 1e-6 }
        if u.contains("inch") { return 0.00064516 }
        return 1
    }
}
