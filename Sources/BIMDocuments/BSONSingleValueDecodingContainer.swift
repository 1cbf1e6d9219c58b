import Foundation

struct BSONSingleValueDecodingContainer: SingleValueDecodingContainer {
    let value: BSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null || value == .undefined }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try BSONScalarDecoding.decode(type, from: value, codingPath: codingPath)
    }
}
