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
