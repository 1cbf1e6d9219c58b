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
