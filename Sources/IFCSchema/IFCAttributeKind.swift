/// Coarse type of an attribute: enough to decode a STEP value without walking the EXPRESS type graph.
public enum IFCAttributeKind: UInt8, Sendable, Hashable {
    case entity, select, enumeration, definedType
    case string, real, integer, number, boolean, logical, binary

    init?(code: Character) {
        switch code {
        case "E": self = .entity
        case "S": self = .select
        case "N": self = .enumeration
        case "T": self = .definedType
        case "s": self = .string
        case "r": self = .real
        case "i": self = .integer
        case "n": self = .number
        case "b": self = .boolean
        case "l": self = .logical
        case "x": self = .binary
        default: return nil
        }
    }
}
