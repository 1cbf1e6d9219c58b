import CMongoc

/// Builds libbson documents from Swift values with `bson_append_*`.
enum BSONWriter {
    /// Nesting deeper than this is refused rather than recursed into; the server's own limit is 100.
    static let maximumDepth = 100

    static func append(_ document: BSONDocument, to bson: OpaquePointer, path: String, depth: Int = 0) throws {
        guard depth <= maximumDepth else { throw BIMDocumentError.invalidDocument(field: path.isEmpty ? "(root)" : path) }
        for (key, value) in document.elements {
            let fieldPath = path.isEmpty ? key : path + "." + key
            try append(value, key: key, to: bson, path: fieldPath, depth: depth)
        }
    }

    static func appendArray(_ values: [BSONValue], to bson: OpaquePointer, path: String, depth: Int) throws {
        guard depth <= maximumDepth else { throw BIMDocumentError.invalidDocument(field: path) }
        for (index, value) in values.enumerated() {
            try append(value, key: String(index), to: bson, path: path + "." + String(index), depth: depth)
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    static func append(_ value: BSONValue, key: String, to bson: OpaquePointer, path: String, depth: Int) throws {
        // Keys are C strings in BSON: an embedded NUL would silently truncate the key.
        guard !key.utf8.contains(0) else { throw BIMDocumentError.invalidDocument(field: path) }
        let ok: Bool = try key.withCString { cKey -> Bool in
            switch value {
            case .double(let number):
                return bson_append_double(bson, cKey, -1, number)
            case .string(let text):
                return withUTF8Bytes(text) { bytes, count in bson_append_utf8(bson, cKey, -1, bytes, count) }
            case .document(let child):
                let nested = OwnedBSON()
                try append(child, to: nested.pointer, path: path, depth: depth + 1)
                return bson_append_document(bson, cKey, -1, nested.pointer)
            case .array(let elements):
                let nested = OwnedBSON()
                try appendArray(elements, to: nested.pointer, path: path, depth: depth + 1)
                return bson_append_array(bson, cKey, -1, nested.pointer)
            case .binary(let binary):
                guard binary.data.count <= Int(Int32.max) else { throw BIMDocumentError.invalidDocument(field: path) }
                return binary.data.withUnsafeBytes { raw -> Bool in
                    let base = raw.bindMemory(to: UInt8.self).baseAddress
                    var empty: UInt8 = 0
                    return withUnsafePointer(to: &empty) { fallback in
                        bson_append_binary(
                            bson, cKey, -1, bson_subtype_t(rawValue: UInt32(binary.subtype)),
                            base ?? fallback, UInt32(raw.count)
                        )
                    }
                }
            case .undefined:
                return bson_append_undefined(bson, cKey, -1)
            case .objectID(let id):
                var oid = id.oid
                return bson_append_oid(bson, cKey, -1, &oid)
            case .bool(let flag):
                return bson_append_bool(bson, cKey, -1, flag)
            case .dateTime(let date):
                return bson_append_date_time(bson, cKey, -1, date.millisecondsSinceEpoch)
            case .null:
                return bson_append_null(bson, cKey, -1)
            case .regex(let pattern, let options):
                guard !pattern.utf8.contains(0), !options.utf8.contains(0) else {
                    throw BIMDocumentError.invalidDocument(field: path)
                }
                return pattern.withCString { cPattern in
                    options.withCString { cOptions in bson_append_regex(bson, cKey, -1, cPattern, cOptions) }
                }
            case .dbPointer(let collection, let id):
                guard !collection.utf8.contains(0) else { throw BIMDocumentError.invalidDocument(field: path) }
                var oid = id.oid
                return collection.withCString { bson_append_dbpointer(bson, cKey, -1, $0, &oid) }
            case .javascript(let code):
                guard !code.utf8.contains(0) else { throw BIMDocumentError.invalidDocument(field: path) }
                return code.withCString { bson_append_code(bson, cKey, -1, $0) }
            case .symbol(let symbol):
                return withUTF8Bytes(symbol) { bytes, count in bson_append_symbol(bson, cKey, -1, bytes, count) }
            case .javascriptWithScope(let code, let scope):
                guard !code.utf8.contains(0) else { throw BIMDocumentError.invalidDocument(field: path) }
                let nested = OwnedBSON()
                try append(scope, to: nested.pointer, path: path, depth: depth + 1)
                return code.withCString { bson_append_code_with_scope(bson, cKey, -1, $0, nested.pointer) }
            case .int32(let number):
                return bson_append_int32(bson, cKey, -1, number)
            case .timestamp(let stamp):
                return bson_append_timestamp(bson, cKey, -1, stamp.timestamp, stamp.increment)
            case .int64(let number):
                return bson_append_int64(bson, cKey, -1, number)
            case .decimal128(let decimal):
                var raw = decimal.raw
                return bson_append_decimal128(bson, cKey, -1, &raw)
            case .minKey:
                return bson_append_minkey(bson, cKey, -1)
            case .maxKey:
                return bson_append_maxkey(bson, cKey, -1)
            }
        }
        // libbson refuses appends that would grow a document past its size limit.
        guard ok else { throw BIMDocumentError.invalidDocument(field: path) }
    }

    /// Passes the string's UTF-8 bytes with an explicit length, so strings containing NUL survive.
    private static func withUTF8Bytes(_ text: String, _ body: (UnsafePointer<CChar>, Int32) -> Bool) -> Bool {
        var copy = text
        return copy.withUTF8 { buffer -> Bool in
            guard buffer.count <= Int(Int32.max) else { return false }
            guard let base = buffer.baseAddress else { return body("", 0) }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { body($0, Int32(buffer.count)) }
        }
    }
}
