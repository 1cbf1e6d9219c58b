import Foundation

/// Encodes `Encodable` domain types into BSON documents.
///
/// BSON-native Swift types keep their BSON type instead of going through their generic
/// `Codable` form: `Date` becomes a datetime, `Data` binary, `UUID` binary subtype 4,
/// `Decimal` decimal128, `URL` a string, and the `BSON*` types themselves. `Int` is int64
/// so a field keeps one BSON type however large its values get.
public struct BSONEncoder: Sendable {
    public init() {}

    /// Encodes a value whose top level is keyed (a struct or class), as stored documents must be.
    public func encode<T: Encodable>(_ value: T) throws -> BSONDocument {
        guard case .document(let document) = try encodeValue(value) else {
            throw BIMDocumentError.invalidDocument(field: "(root)")
        }
        return document
    }

    /// Encodes any value, e.g. for a filter operand.
    public func encodeValue<T: Encodable>(_ value: T) throws -> BSONValue {
        try BSONEncodingContext.box(value, codingPath: [])
    }
}

/// One node of a value being encoded; containers are classes so nested containers handed
/// out by the `Encoder` API write into their parent after being returned.
final class BSONEncodingNode {
    enum Content {
        case empty
        case value(BSONValue)
        case keyed([(String, BSONEncodingNode)])
        case unkeyed([BSONEncodingNode])
    }

    var content: Content = .empty

    init() {}
    init(_ value: BSONValue) { content = .value(value) }

    func resolve() -> BSONValue {
        switch content {
        case .empty: return .document(BSONDocument())
        case .value(let value): return value
        case .keyed(let pairs): return .document(BSONDocument(pairs.map { (key: $0.0, value: $0.1.resolve()) }))
        case .unkeyed(let nodes): return .array(nodes.map { $0.resolve() })
        }
    }

    func appendKeyed(_ key: String, _ node: BSONEncodingNode) {
        if case .keyed(var pairs) = content {
            if let index = pairs.firstIndex(where: { $0.0 == key }) {
                pairs[index].1 = node
            } else {
                pairs.append((key, node))
            }
            content = .keyed(pairs)
        } else {
            content = .keyed([(key, node)])
        }
    }

    func appendUnkeyed(_ node: BSONEncodingNode) {
        if case .unkeyed(var nodes) = content {
            nodes.append(node)
            content = .unkeyed(nodes)
        } else {
            content = .unkeyed([node])
        }
    }

    var unkeyedCount: Int {
        if case .unkeyed(let nodes) = content { return nodes.count }
        return 0
    }
}

/// The `Encoder` handed to `encode(to:)`.
final class BSONEncodingContext: Encoder {
    let node: BSONEncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: BSONEncodingNode, codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
    }

    /// Encodes one value, short-circuiting the types BSON represents natively.
    static func box<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> BSONValue {
        if let native = nativeValue(value) { return native }
        let node = BSONEncodingNode()
        try value.encode(to: BSONEncodingContext(node: node, codingPath: codingPath))
        return node.resolve()
    }

    static func nativeValue(_ value: Any) -> BSONValue? {
        switch value {
        case let value as BSONValue: return value
        case let value as BSONDocument: return .document(value)
        case let value as BSONObjectID: return .objectID(value)
        case let value as BSONBinary: return .binary(value)
        case let value as BSONDateTime: return .dateTime(value)
        case let value as BSONDecimal128: return .decimal128(value)
        case let value as BSONTimestamp: return .timestamp(value)
        case let value as Date: return .dateTime(BSONDateTime(value))
        case let value as Data: return .binary(BSONBinary(data: value))
        case let value as UUID: return .binary(BSONBinary(uuid: value))
        case let value as URL: return .string(value.absoluteString)
        case let value as Decimal: return BSONDecimal128(value.description).map(BSONValue.decimal128) ?? .string(value.description)
        default: return nil
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = node.content {} else { node.content = .keyed([]) }
        return KeyedEncodingContainer(BSONKeyedEncodingContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed = node.content {} else { node.content = .unkeyed([]) }
        return BSONUnkeyedEncodingContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BSONSingleValueEncodingContainer(node: node, codingPath: codingPath)
    }
}

struct BSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: BSONEncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.appendKeyed(key.stringValue, BSONEncodingNode(.null)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.appendKeyed(key.stringValue, BSONEncodingNode(.bool(value))) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.appendKeyed(key.stringValue, BSONEncodingNode(.string(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { node.appendKeyed(key.stringValue, BSONEncodingNode(.double(value))) }
    mutating func encode(_ value: Float, forKey key: Key) throws { node.appendKeyed(key.stringValue, BSONEncodingNode(.double(Double(value)))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { node.appendKeyed(key.stringValue, BSONEncodingNode(.int32(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.appendKeyed(key.stringValue, BSONEncodingNode(.int64(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.appendKeyed(key.stringValue, BSONEncodingNode(.int64(Int64(value)))) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let path = codingPath + [key]
        node.appendKeyed(key.stringValue, BSONEncodingNode(try BSONIntegerEncoding.box(value, codingPath: path)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = BSONEncodingNode()
        child.content = .keyed([])
        node.appendKeyed(key.stringValue, child)
        return KeyedEncodingContainer(BSONKeyedEncodingContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = BSONEncodingNode()
        child.content = .unkeyed([])
        node.appendKeyed(key.stringValue, child)
        return BSONUnkeyedEncodingContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        let child = BSONEncodingNode()
        node.appendKeyed("super", child)
        return BSONEncodingContext(node: child, codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = BSONEncodingNode()
        node.appendKeyed(key.stringValue, child)
        return BSONEncodingContext(node: child, codingPath: codingPath + [key])
    }
}

struct BSONUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let node: BSONEncodingNode
    let codingPath: [any CodingKey]
    var count: Int { node.unkeyedCount }

    mutating func encodeNil() throws { node.appendUnkeyed(BSONEncodingNode(.null)) }
    mutating func encode(_ value: Bool) throws { node.appendUnkeyed(BSONEncodingNode(.bool(value))) }
    mutating func encode(_ value: String) throws { node.appendUnkeyed(BSONEncodingNode(.string(value))) }
    mutating func encode(_ value: Double) throws { node.appendUnkeyed(BSONEncodingNode(.double(value))) }
    mutating func encode(_ value: Int32) throws { node.appendUnkeyed(BSONEncodingNode(.int32(value))) }
    mutating func encode(_ value: Int64) throws { node.appendUnkeyed(BSONEncodingNode(.int64(value))) }
    mutating func encode(_ value: Int) throws { node.appendUnkeyed(BSONEncodingNode(.int64(Int64(value)))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [BSONIndexKey(count)]
        node.appendUnkeyed(BSONEncodingNode(try BSONIntegerEncoding.box(value, codingPath: path)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = BSONEncodingNode()
        child.content = .keyed([])
        let path = codingPath + [BSONIndexKey(count)]
        node.appendUnkeyed(child)
        return KeyedEncodingContainer(BSONKeyedEncodingContainer<NestedKey>(node: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = BSONEncodingNode()
        child.content = .unkeyed([])
        let path = codingPath + [BSONIndexKey(count)]
        node.appendUnkeyed(child)
        return BSONUnkeyedEncodingContainer(node: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let child = BSONEncodingNode()
        let path = codingPath + [BSONIndexKey(count)]
        node.appendUnkeyed(child)
        return BSONEncodingContext(node: child, codingPath: path)
    }
}

struct BSONSingleValueEncodingContainer: SingleValueEncodingContainer {
    let node: BSONEncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { node.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { node.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { node.content = .value(.double(value)) }
    mutating func encode(_ value: Int32) throws { node.content = .value(.int32(value)) }
    mutating func encode(_ value: Int64) throws { node.content = .value(.int64(value)) }
    mutating func encode(_ value: Int) throws { node.content = .value(.int64(Int64(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.content = .value(try BSONIntegerEncoding.box(value, codingPath: codingPath))
    }
}

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

/// Coding key for array positions.
struct BSONIndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String

    init(_ index: Int) {
        intValue = index
        stringValue = String(index)
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
        intValue = Int(stringValue)
    }

    init?(intValue: Int) { self.init(intValue) }
}
