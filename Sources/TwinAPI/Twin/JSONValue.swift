import Foundation
import NIOCore

/// A JSON tree with ordered members, written by hand.
///
/// Twin responses are built as explicit snake_case trees rather than through `JSONEncoder`
/// key strategies, which would also rewrite user data keys (property names) and spell
/// `systemIDs` as `system_i_ds`; the tree also makes `fields=` projection a filter.
indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        var a: [UInt8] = [], b: [UInt8] = []
        lhs.write(into: &a)
        rhs.write(into: &b)
        return a == b
    }

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// Keeps only the named top-level members (order as in the full representation).
    func projected(_ fields: Set<String>?) -> JSONValue {
        guard let fields, case .object(let members) = self else { return self }
        return .object(members.filter { fields.contains($0.0) })
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(into: &out)
        return out
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .double(let d):
            if d.isFinite {
                if d == d.rounded(.towardZero), abs(d) < 1e15 { out += String(Int64(d)).utf8 } else { out += String(d).utf8 }
            } else {
                out += "null".utf8
            }
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(member.0, into: &out)
                out.append(UInt8(ascii: ":"))
                member.1.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (ids, names, timestamps) need no escaping: copy them whole.
        let copied = s.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            guard !buffer.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: buffer)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += #"\""#.utf8
            case UInt8(ascii: "\\"): out += #"\\"#.utf8
            case 0x0A: out += #"\n"#.utf8
            case 0x0D: out += #"\r"#.utf8
            case 0x09: out += #"\t"#.utf8
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += #"\u00"#.utf8
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    static func uuid(_ id: UUID?) -> JSONValue { id.map { .string(lowercaseString($0)) } ?? .null }

    /// `uuidString.lowercased()` without the C formatter and the second copy (a list of 100
    /// assets writes 700 ids).
    static func lowercaseString(_ id: UUID) -> String {
        let digits: StaticString = "0123456789abcdef"
        return withUnsafeBytes(of: id.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var at = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 { out[at] = UInt8(ascii: "-"); at += 1 }
                    out[at] = digits.utf8Start[Int(byte >> 4)]
                    out[at + 1] = digits.utf8Start[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }
    static func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    static func number(_ d: Double?) -> JSONValue { d.map { .double($0) } ?? .null }
    static func integer(_ i: Int?) -> JSONValue { i.map { .int($0) } ?? .null }
    static func date(_ d: Date?) -> JSONValue { d.map { .string(TwinTimestamp.string($0)) } ?? .null }
}
