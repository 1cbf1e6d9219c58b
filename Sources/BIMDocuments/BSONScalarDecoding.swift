import Foundation

/// Scalar decoding shared by all three container kinds.
enum BSONScalarDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from value: BSONValue, codingPath: [any CodingKey]) throws -> T {
        let mismatch = { DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "found \(value.typeName)")) }
        switch type {
        case is String.Type:
            guard let text = value.stringValue else { throw mismatch() }
            return text as! T
        case is Bool.Type:
            guard let flag = value.boolValue else { throw mismatch() }
            return flag as! T
        case is Double.Type:
            guard let number = value.doubleValue else { throw mismatch() }
            return number as! T
        case is Float.Type:
            guard let number = value.doubleValue else { throw mismatch() }
            return Float(number) as! T
        case is Int.Type: return try integer(Int.self, value, mismatch) as! T
        case is Int8.Type: return try integer(Int8.self, value, mismatch) as! T
        case is Int16.Type: return try integer(Int16.self, value, mismatch) as! T
        case is Int32.Type: return try integer(Int32.self, value, mismatch) as! T
        case is Int64.Type: return try integer(Int64.self, value, mismatch) as! T
        case is UInt.Type: return try integer(UInt.self, value, mismatch) as! T
        case is UInt8.Type: return try integer(UInt8.self, value, mismatch) as! T
        case is UInt16.Type: return try integer(UInt16.self, value, mismatch) as! T
        case is UInt32.Type: return try integer(UInt32.self, value, mismatch) as! T
        case is UInt64.Type: return try integer(UInt64.self, value, mismatch) as! T
        default:
            return try BSONDecodingContext.unbox(type, from: value, codingPath: codingPath)
        }
    }

    private static func integer<I: FixedWidthInteger>(_ type: I.Type, _ value: BSONValue, _ mismatch: () -> DecodingError) throws -> I {
        guard let wide = value.int64Value, let exact = I(exactly: wide) else { throw mismatch() }
        return exact
    }
}
