import Foundation

/// One BSON value.
///
/// Every BSON type has a case, including the deprecated ones (`undefined`, `dbPointer`,
/// `symbol`, JavaScript), so a document read from the server is written back unchanged
/// instead of being silently altered or crashing the decoder.
public enum BSONValue: Sendable, Hashable {
    case double(Double)
    case string(String)
    case document(BSONDocument)
    case array([BSONValue])
    case binary(BSONBinary)
    case undefined
    case objectID(BSONObjectID)
    case bool(Bool)
    case dateTime(BSONDateTime)
    case null
    case regex(pattern: String, options: String)
    case dbPointer(collection: String, id: BSONObjectID)
    case javascript(String)
    case symbol(String)
    case javascriptWithScope(code: String, scope: BSONDocument)
    case int32(Int32)
    case timestamp(BSONTimestamp)
    case int64(Int64)
    case decimal128(BSONDecimal128)
    case minKey
    case maxKey
}

extension BSONValue {
    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The nested document, if this is a document.
    public var documentValue: BSONDocument? {
        if case .document(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [BSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The boolean payload, if this is a bool.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The object id, if this is one.
    public var objectIDValue: BSONObjectID? {
        if case .objectID(let value) = self { return value }
        return nil
    }

    /// Any integral number (int32, int64, or a double without fraction) as `Int64`,
    /// because the server and other drivers freely mix the three for counters.
    public var int64Value: Int64? {
        switch self {
        case .int32(let value): return Int64(value)
        case .int64(let value): return value
        case .double(let value):
            guard value.rounded() == value, let exact = Int64(exactly: value) else { return nil }
            return exact
        default: return nil
        }
    }

    /// Any number as `Double`.
    public var doubleValue: Double? {
        switch self {
        case .int32(let value): return Double(value)
        case .int64(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The date, if this is a BSON UTC datetime.
    public var dateValue: Date? {
        if case .dateTime(let value) = self { return value.date }
        return nil
    }

    /// The bytes, if this is binary data.
    public var binaryValue: BSONBinary? {
        if case .binary(let value) = self { return value }
        return nil
    }

    /// Short type name for diagnostics.
    public var typeName: String {
        switch self {
        case .double: return "double"
        case .string: return "string"
        case .document: return "document"
        case .array: return "array"
        case .binary: return "binary"
        case .undefined: return "undefined"
        case .objectID: return "objectId"
        case .bool: return "bool"
        case .dateTime: return "date"
        case .null: return "null"
        case .regex: return "regex"
        case .dbPointer: return "dbPointer"
        case .javascript: return "javascript"
        case .symbol: return "symbol"
        case .javascriptWithScope: return "javascriptWithScope"
        case .int32: return "int"
        case .timestamp: return "timestamp"
        case .int64: return "long"
        case .decimal128: return "decimal"
        case .minKey: return "minKey"
        case .maxKey: return "maxKey"
        }
    }
}
