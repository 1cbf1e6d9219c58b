import Foundation

/// Decodes `Decodable` domain types from BSON documents; the mirror of `BSONEncoder`.
///
/// Numbers are read leniently (an int32, int64 or integral double all satisfy an `Int`),
/// because documents written by other tools or older versions mix them.
public struct BSONDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from document: BSONDocument) throws -> T {
        try decode(type, fromValue: .document(document))
    }

    public func decode<T: Decodable>(_ type: T.Type, fromValue value: BSONValue) throws -> T {
        try BSONDecodingContext.unbox(type, from: value, codingPath: [])
    }
}

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

struct BSONKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let codingPath: [any CodingKey]
    private let values: [String: BSONValue]
    let allKeys: [Key]

    init(document: BSONDocument, codingPath: [any CodingKey]) {
        var values = [String: BSONValue]()
        for (key, value) in document.elements where values[key] == nil { values[key] = value }
        self.values = values
        self.allKeys = document.keys.compactMap(Key.init(stringValue:))
        self.codingPath = codingPath
    }

    func contains(_ key: Key) -> Bool { values[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        switch values[key.stringValue] {
        case nil, .null?, .undefined?: return true
        default: return false
        }
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let value = values[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing \(key.stringValue)"))
        }
        return try BSONScalarDecoding.decode(type, from: value, codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try BSONDecodingContext(value: values[key.stringValue] ?? .null, codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try BSONDecodingContext(value: values[key.stringValue] ?? .null, codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        BSONDecodingContext(value: values["super"] ?? .null, codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        BSONDecodingContext(value: values[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

struct BSONUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let values: [BSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(values: [BSONValue], codingPath: [any CodingKey]) {
        self.values = values
        self.codingPath = codingPath
    }

    var count: Int? { values.count }
    var isAtEnd: Bool { currentIndex >= values.count }

    private func next<T>(_ type: T.Type) throws -> BSONValue {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "array exhausted"))
        }
        return values[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        let value = try next(Never?.self)
        if value == .null || value == .undefined {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try next(type)
        let decoded = try BSONScalarDecoding.decode(type, from: value, codingPath: codingPath + [BSONIndexKey(currentIndex)])
        currentIndex += 1
        return decoded
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let value = try next(BSONDocument.self)
        let container = try BSONDecodingContext(value: value, codingPath: codingPath + [BSONIndexKey(currentIndex)]).container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let value = try next([BSONValue].self)
        let container = try BSONDecodingContext(value: value, codingPath: codingPath + [BSONIndexKey(currentIndex)]).unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let value = try next(BSONValue.self)
        defer { currentIndex += 1 }
        return BSONDecodingContext(value: value, codingPath: codingPath + [BSONIndexKey(currentIndex)])
    }
}

struct BSONSingleValueDecodingContainer: SingleValueDecodingContainer {
    let value: BSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null || value == .undefined }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try BSONScalarDecoding.decode(type, from: value, codingPath: codingPath)
    }
}
