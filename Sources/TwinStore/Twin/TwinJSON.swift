import TwinDomain

/// Writes ``DocumentValue`` as compact JSON with sorted keys for `jsonb` binds.
///
/// A hand-rolled writer because imports serialise one property map per asset: Foundation's
/// JSONEncoder costs hundreds of microseconds per call, which dominated 100k-asset commits.
/// Non-finite doubles (which JSON cannot carry) become null.
enum TwinJSON {
    static func text(_ properties: [String: DocumentValue]) -> String {
        if properties.isEmpty { return "{}" }
        var out = ""
        write(.object(properties), into: &out)
        return out
    }

    static func write(_ value: DocumentValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .double(let number): out += number.isFinite ? "\(number)" : "null"
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                write(members[key]!, into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}":
                continue  // jsonb cannot store NUL; it carries no meaning in a property value
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
