import CMongoc
import Foundation

/// Reads libbson documents into Swift values with `bson_iter_*`.
///
/// Corrupt input (truncated documents, bad lengths) is reported as `invalidDocument`
/// with the key path where reading stopped; loops are bounded by the document length.
enum BSONReader {
    /// Reads the little-endian int32 length that starts every BSON document.
    static func wireLength(_ bytes: UnsafePointer<UInt8>?) -> Int {
        guard let bytes else { return 0 }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[index]) << (8 * UInt32(index)) }
        return Int(Int32(bitPattern: value))
    }

    static func document(from bson: OpaquePointer) throws -> BSONDocument {
        // Validation walks the whole structure once, so the iteration below never meets
        // truncated lengths or bad element types half-way through.
        var errorOffset = 0
        guard bson_validate(bson, BSON_VALIDATE_NONE, &errorOffset) else {
            throw BIMDocumentError.invalidDocument(field: "(byte \(errorOffset))")
        }
        let iter = BSONIterator()
        guard bson_iter_init(iter.pointer, bson) else { throw BIMDocumentError.invalidDocument(field: "(root)") }
        // Every element takes at least two bytes (type + key terminator): a bound for all loops.
        var budget = wireLength(bson_get_data(bson)) / 2 + 1
        return try readDocument(iter.pointer, budget: &budget, path: "", depth: 0)
    }

    /// Reads a document from raw wire bytes (as found in a reply or a stored blob).
    static func document(bytes: UnsafePointer<UInt8>, length: Int) throws -> BSONDocument {
        guard length >= 5, length == wireLength(bytes), let bson = bson_new_from_data(bytes, length) else {
            throw BIMDocumentError.invalidDocument(field: "(root)")
        }
        defer { bson_destroy(bson) }
        return try document(from: bson)
    }

    private static func readDocument(
        _ iter: OpaquePointer, budget: inout Int, path: String, depth: Int
    ) throws -> BSONDocument {
        guard depth <= BSONWriter.maximumDepth else { throw BIMDocumentError.invalidDocument(field: path) }
        var document = BSONDocument()
        while bson_iter_next(iter) {
            budget -= 1
            guard budget >= 0 else { throw BIMDocumentError.invalidDocument(field: path.isEmpty ? "(root)" : path) }
            let key = String(cString: bson_iter_key(iter))
            let fieldPath = path.isEmpty ? key : path + "." + key
            document.append(key, try readValue(iter, budget: &budget, path: fieldPath, depth: depth))
        }
        return document
    }

    private static func recurse(
        _ iter: OpaquePointer, budget: inout Int, path: String, depth: Int, array: Bool
    ) throws -> BSONValue {
        let child = BSONIterator()
        guard bson_iter_recurse(iter, child.pointer) else { throw BIMDocumentError.invalidDocument(field: path) }
        let nested = try readDocument(child.pointer, budget: &budget, path: path, depth: depth + 1)
        return array ? .array(nested.elements.map(\.value)) : .document(nested)
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private static func readValue(_ iter: OpaquePointer, budget: inout Int, path: String, depth: Int) throws -> BSONValue {
        let type = bson_iter_type(iter)
        switch type {
        case BSON_TYPE_DOUBLE:
            return .double(bson_iter_double(iter))
        case BSON_TYPE_UTF8:
            var length: UInt32 = 0
            guard let bytes = bson_iter_utf8(iter, &length) else { throw BIMDocumentError.invalidDocument(field: path) }
            return .string(string(bytes, Int(length)))
        case BSON_TYPE_DOCUMENT:
            return try recurse(iter, budget: &budget, path: path, depth: depth, array: false)
        case BSON_TYPE_ARRAY:
            return try recurse(iter, budget: &budget, path: path, depth: depth, array: true)
        case BSON_TYPE_BINARY:
            var subtype = bson_subtype_t(rawValue: 0)
            var length: UInt32 = 0
            var bytes: UnsafePointer<UInt8>?
            bson_iter_binary(iter, &subtype, &length, &bytes)
            let data = bytes.map { Data(bytes: $0, count: Int(length)) } ?? Data()
            return .binary(BSONBinary(subtype: UInt8(truncatingIfNeeded: subtype.rawValue), data: data))
        case BSON_TYPE_UNDEFINED:
            return .undefined
        case BSON_TYPE_OID:
            guard let oid = bson_iter_oid(iter) else { throw BIMDocumentError.invalidDocument(field: path) }
            return .objectID(BSONObjectID(oid: oid.pointee))
        case BSON_TYPE_BOOL:
            return .bool(bson_iter_bool(iter))
        case BSON_TYPE_DATE_TIME:
            return .dateTime(BSONDateTime(millisecondsSinceEpoch: bson_iter_date_time(iter)))
        case BSON_TYPE_NULL:
            return .null
        case BSON_TYPE_REGEX:
            var options: UnsafePointer<CChar>?
            guard let pattern = bson_iter_regex(iter, &options) else { throw BIMDocumentError.invalidDocument(field: path) }
            return .regex(pattern: String(cString: pattern), options: options.map { String(cString: $0) } ?? "")
        case BSON_TYPE_DBPOINTER:
            var length: UInt32 = 0
            var collection: UnsafePointer<CChar>?
            var oid: UnsafePointer<bson_oid_t>?
            bson_iter_dbpointer(iter, &length, &collection, &oid)
            guard let collection, let oid else { throw BIMDocumentError.invalidDocument(field: path) }
            return .dbPointer(collection: string(collection, Int(length)), id: BSONObjectID(oid: oid.pointee))
        case BSON_TYPE_CODE:
            var length: UInt32 = 0
            guard let code = bson_iter_code(iter, &length) else { throw BIMDocumentError.invalidDocument(field: path) }
            return .javascript(string(code, Int(length)))
        case BSON_TYPE_SYMBOL:
            var length: UInt32 = 0
            guard let symbol = bson_iter_symbol(iter, &length) else { throw BIMDocumentError.invalidDocument(field: path) }
            return .symbol(string(symbol, Int(length)))
        case BSON_TYPE_CODEWSCOPE:
            var length: UInt32 = 0
            var scopeLength: UInt32 = 0
            var scopeBytes: UnsafePointer<UInt8>?
            guard let code = bson_iter_codewscope(iter, &length, &scopeLength, &scopeBytes), let scopeBytes else {
                throw BIMDocumentError.invalidDocument(field: path)
            }
            let scopeIter = BSONIterator()
            guard bson_iter_init_from_data(scopeIter.pointer, scopeBytes, Int(scopeLength)) else {
                throw BIMDocumentError.invalidDocument(field: path)
            }
            let scope = try readDocument(scopeIter.pointer, budget: &budget, path: path, depth: depth + 1)
            return .javascriptWithScope(code: string(code, Int(length)), scope: scope)
        case BSON_TYPE_INT32:
            return .int32(bson_iter_int32(iter))
        case BSON_TYPE_TIMESTAMP:
            var timestamp: UInt32 = 0
            var increment: UInt32 = 0
            bson_iter_timestamp(iter, &timestamp, &increment)
            return .timestamp(BSONTimestamp(timestamp: timestamp, increment: increment))
        case BSON_TYPE_INT64:
            return .int64(bson_iter_int64(iter))
        case BSON_TYPE_DECIMAL128:
            var raw = bson_decimal128_t()
            guard bson_iter_decimal128(iter, &raw) else { throw BIMDocumentError.invalidDocument(field: path) }
            return .decimal128(BSONDecimal128(low: raw.low, high: raw.high))
        case BSON_TYPE_MINKEY:
            return .minKey
        case BSON_TYPE_MAXKEY:
            return .maxKey
        default:
            // libbson validates element types while iterating, so this is unreachable for
            // well-formed input; report instead of guessing at the payload.
            throw BIMDocumentError.invalidDocument(field: path)
        }
    }

    /// Decodes length-delimited UTF-8 (which may contain NUL); invalid sequences become U+FFFD.
    private static func string(_ bytes: UnsafePointer<CChar>, _ length: Int) -> String {
        bytes.withMemoryRebound(to: UInt8.self, capacity: max(length, 1)) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
