import Foundation

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
