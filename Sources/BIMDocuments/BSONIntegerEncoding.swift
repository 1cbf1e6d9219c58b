import Foundation

/// Maps the fixed-width integer and float types the generic entry points receive.
enum BSONIntegerEncoding {
    static func box<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> BSONValue {
        switch value {
        case let value as Int: return .int64(Int64(value))
        case let value as Int8: return .int32(Int32(value))
        case let value as Int16: return .int32(Int32(value))
        case let value as Int32: return .int32(value)
        case let value as Int64: return .int64(value)
        case let value as UInt8: return .int32(Int32(value))
        case let value as UInt16: return .int32(Int32(value))
        case let value as UInt32: return .int64(Int64(value))
        case let value as UInt64:
            guard let exact = Int64(exactly: value) else { throw invalid(codingPath) }
            return .int64(exact)
        case let value as UInt:
            guard let exact = Int64(exactly: value) else { throw invalid(codingPath) }
            return .int64(exact)
        case let value as Float: return .double(Double(value))
        case let value as Double: return .double(value)
        case let value as Bool: return .bool(value)
        case let value as String: return .string(value)
        default: return try BSONEncodingContext.box(value, codingPath: codingPath)
        }
    }

    static func invalid(_ codingPath: [any CodingKey]) -> BIMDocumentError {
        .invalidDocument(field: codingPath.map(\.stringValue).joined(separator: "."))
    }
}
