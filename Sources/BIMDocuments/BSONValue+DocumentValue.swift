import Foundation
import TwinDomain

extension BSONValue {
    /// The BSON form of a domain value; objects keep their keys sorted so stored documents are stable.
    init(_ value: DocumentValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int64(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .array(let values): self = .array(values.map(BSONValue.init))
        case .object(let members): self = .document(BSONDocument(members))
        }
    }
}

extension BSONDocument {
    /// User data as BSON: member names escaped (``BSONKeyEscaping``) at every depth.
    init(_ members: [String: DocumentValue]) {
        self.init(members.sorted { $0.key < $1.key }.map { (key: BSONKeyEscaping.escape($0.key), value: BSONValue($0.value)) })
    }

    /// The domain form of a stored object (see `DocumentValue.init(_:)` for the type mapping);
    /// `escapedKeys` for documents written with ``BSONKeyEscaping/markerField``.
    func documentValues(escapedKeys: Bool) -> [String: DocumentValue] {
        var members = [String: DocumentValue]()
        for (stored, value) in elements {
            let key = escapedKeys ? BSONKeyEscaping.unescape(stored) : stored
            if members[key] == nil { members[key] = DocumentValue(value, escapedKeys: escapedKeys) }
        }
        return members
    }
}

extension DocumentValue {
    /// Reads a BSON value into the JSON-shaped domain type. Types JSON lacks become their
    /// conventional text: ObjectId as hex, dates as ISO 8601, binary as base64, decimal128 as its digits.
    init(_ value: BSONValue, escapedKeys: Bool) {
        switch value {
        case .null, .undefined, .minKey, .maxKey: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int32(let number): self = .int(Int64(number))
        case .int64(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text), .symbol(let text), .javascript(let text): self = .string(text)
        case .array(let values): self = .array(values.map { DocumentValue($0, escapedKeys: escapedKeys) })
        case .document(let document): self = .object(document.documentValues(escapedKeys: escapedKeys))
        case .objectID(let id): self = .string(id.hex)
        case .dateTime(let date): self = .string(date.date.formatted(.iso8601))
        case .binary(let binary): self = .string(binary.uuid?.uuidString ?? binary.data.base64EncodedString())
        case .decimal128(let decimal): self = .string(decimal.description)
        case .timestamp(let stamp): self = .int(Int64(stamp.timestamp) << 32 | Int64(stamp.increment))
        case .regex(let pattern, _): self = .string(pattern)
        case .dbPointer(_, let id): self = .string(id.hex)
        case .javascriptWithScope(let code, _): self = .string(code)
        }
    }
}
