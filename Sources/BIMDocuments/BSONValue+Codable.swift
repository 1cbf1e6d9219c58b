import Foundation

/// Lets domain types hold free-form `BSONValue`/`BSONDocument` fields and still be
/// `Codable`. `BSONEncoder`/`BSONDecoder` keep such fields native; other coders (JSON for
/// the API) see a JSON-shaped form: ObjectIds as hex, binary as `Data`, decimals as text.
extension BSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .int64(number)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let array = try? container.decode([BSONValue].self) {
            self = .array(array)
        } else {
            self = .document(try container.decode(BSONDocument.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null, .undefined, .minKey, .maxKey: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .int32(let number): try container.encode(number)
        case .int64(let number): try container.encode(number)
        case .double(let number): try container.encode(number)
        case .string(let text), .symbol(let text), .javascript(let text): try container.encode(text)
        case .array(let values): try container.encode(values)
        case .document(let document): try container.encode(document)
        case .objectID(let id): try container.encode(id.hex)
        case .dateTime(let date): try container.encode(date.date)
        case .binary(let binary): try container.encode(binary.data)
        case .decimal128(let decimal): try container.encode(decimal.description)
        case .timestamp(let stamp): try container.encode(Int64(stamp.timestamp) << 32 | Int64(stamp.increment))
        case .regex(let pattern, _): try container.encode(pattern)
        case .dbPointer(_, let id): try container.encode(id.hex)
        case .javascriptWithScope(let code, _): try container.encode(code)
        }
    }
}

extension BSONDocument: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: BSONIndexKey.self)
        var document = BSONDocument()
        for key in container.allKeys {
            document.append(key.stringValue, try container.decode(BSONValue.self, forKey: key))
        }
        self = document
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: BSONIndexKey.self)
        for (key, value) in elements {
            guard let codingKey = BSONIndexKey(stringValue: key) else { continue }
            try container.encode(value, forKey: codingKey)
        }
    }
}
