import Foundation

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
