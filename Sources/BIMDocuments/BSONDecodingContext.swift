import Foundation

/// The `Decoder` handed to `init(from:)`.
struct BSONDecodingContext: Decoder {
    let value: BSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    // swiftlint:disable:next cyclomatic_complexity
    static func unbox<T: Decodable>(_ type: T.Type, from value: BSONValue, codingPath: [any CodingKey]) throws -> T {
        let mismatch = { DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "found \(value.typeName)")) }
        switch type {
        case is BSONValue.Type: return value as! T
        case is BSONDocument.Type:
            guard let document = value.documentValue else { throw mismatch() }
            return document as! T
        case is BSONObjectID.Type:
            if let id = value.objectIDValue { return id as! T }
            if let text = value.stringValue, let id = BSONObjectID(text) { return id as! T }
            throw mismatch()
        case is BSONBinary.Type:
            guard let binary = value.binaryValue else { throw mismatch() }
            return binary as! T
        case is BSONDateTime.Type:
            guard case .dateTime(let date) = value else { throw mismatch() }
            return date as! T
        case is BSONDecimal128.Type:
            guard case .decimal128(let decimal) = value else { throw mismatch() }
            return decimal as! T
        case is BSONTimestamp.Type:
            guard case .timestamp(let stamp) = value else { throw mismatch() }
            return stamp as! T
        case is Date.Type:
            guard let date = value.dateValue else { throw mismatch() }
            return date as! T
        case is Data.Type:
            guard let binary = value.binaryValue else { throw mismatch() }
            return binary.data as! T
        case is UUID.Type:
            if let uuid = value.binaryValue?.uuid { return uuid as! T }
            if let text = value.stringValue, let uuid = UUID(uuidString: text) { return uuid as! T }
            throw mismatch()
        case is URL.Type:
            guard let text = value.stringValue, let url = URL(string: text) else { throw mismatch() }
            return url as! T
        case is Decimal.Type:
            switch value {
            case .decimal128(let decimal):
                guard let parsed = Decimal(string: decimal.description) else { throw mismatch() }
                return parsed as! T
            case .string(let text):
                guard let parsed = Decimal(string: text) else { throw mismatch() }
                return parsed as! T
            default:
                guard let number = value.doubleValue else { throw mismatch() }
                return Decimal(number) as! T
            }
        default:
            return try T(from: BSONDecodingContext(value: value, codingPath: codingPath))
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let document = value.documentValue else {
            throw DecodingError.typeMismatch(BSONDocument.self, .init(codingPath: codingPath, debugDescription: "found \(value.typeName)"))
        }
        return KeyedDecodingContainer(BSONKeyedDecodingContainer<Key>(document: document, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let array = value.arrayValue else {
            throw DecodingError.typeMismatch([BSONValue].self, .init(codingPath: codingPath, debugDescription: "found \(value.typeName)"))
        }
        return BSONUnkeyedDecodingContainer(values: array, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        BSONSingleValueDecodingContainer(value: value, codingPath: codingPath)
    }
}
