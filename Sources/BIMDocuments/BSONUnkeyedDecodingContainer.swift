import Foundation

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
