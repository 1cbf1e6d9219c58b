/// Reversible escaping of user-data member names into keys every MongoDB-wire server stores.
///
/// Keys come from source files (IFC property names, COBie attribute names) and may be anything:
/// empty, `$`-prefixed, dotted, or holding NUL. The server refuses an empty key, treats `$…` as
/// an operator and `a.b` as a path, and libbson cannot hold NUL in a key, so one odd property
/// used to fail a whole import ("invalid document for insert: empty key"). Escaping is
/// percent-style and only touches what must change, so ordinary names are stored as they are:
/// `%` → `%25`, `.` → `%2E`, NUL → `%00`, a leading `$` → `%24`, and the empty name → `%` (which
/// no other name encodes to, since every `%` of a name becomes `%25`).
public enum BSONKeyEscaping {
    /// Documents whose user-data keys are escaped carry this member with value 1; older ones
    /// (written before escaping, whose keys may contain a literal `%`) are read as they are.
    public static let markerField = "keyEncoding"
    public static let currentVersion: Int64 = 1

    public static func escape(_ key: String) -> String {
        if key.isEmpty { return "%" }
        let utf8 = key.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: ".") || $0 == 0 }) || utf8.first == UInt8(ascii: "$")
        else { return key }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count + 8)
        for (index, byte) in utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "%"): out += Array("%25".utf8)
            case UInt8(ascii: "."): out += Array("%2E".utf8)
            case 0: out += Array("%00".utf8)
            case UInt8(ascii: "$") where index == 0: out += Array("%24".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The inverse of ``escape(_:)``; a sequence it never writes is kept literally.
    public static func unescape(_ key: String) -> String {
        if key == "%" { return "" }
        let utf8 = Array(key.utf8)
        guard utf8.contains(UInt8(ascii: "%")) else { return key }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count {
                let code = String(decoding: utf8[(index + 1)...(index + 2)], as: UTF8.self)
                let decoded: UInt8? = switch code {
                case "25": UInt8(ascii: "%")
                case "2E": UInt8(ascii: ".")
                case "00": 0
                case "24": UInt8(ascii: "$")
                default: nil
                }
                if let decoded {
                    out.append(decoded)
                    index += 3
                    continue
                }
            }
            out.append(utf8[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
