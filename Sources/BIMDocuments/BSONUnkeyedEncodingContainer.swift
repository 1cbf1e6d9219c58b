import Foundation

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
