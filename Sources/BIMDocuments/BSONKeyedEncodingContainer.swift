import Foundation

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
