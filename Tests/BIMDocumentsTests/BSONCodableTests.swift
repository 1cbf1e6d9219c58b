import Foundation
import Testing
@testable import BIMDocuments

@Suite("Codable bridge")
struct BSONCodableTests {
    enum Kind: String, Codable, Equatable { case wall, slab }

    struct Quantity: Codable, Equatable {
        var name: String
        var value: Double
        var unit: String?
    }

    struct Entity: Codable, Equatable {
        var id: BSONObjectID
        var globalId: String
        var version: Int
        var kind: Kind
        var created: Date
        var checksum: Data
        var modelId: UUID
        var quantities: [Quantity]
        var tags: Set<String>
        var properties: [String: String]
        var level: Int32
        var small: UInt8
        var optionalMissing: String?
        var url: URL
        var cost: Decimal
        var nested: [[Int]]
    }

    static let sample = Entity(
        id: BSONObjectID("5f1b2c3d4e5f607182930a1b")!,
        globalId: "2O2Fr$t4X7Zf8NOew3FLOH",
        version: 3,
        kind: .wall,
        created: Date(timeIntervalSince1970: 1_700_000_000.25),
        checksum: Data([1, 2, 3]),
        modelId: UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!,
        quantities: [Quantity(name: "Length", value: 4.5, unit: "m"), Quantity(name: "Count", value: 2, unit: nil)],
        tags: ["fire-rated"],
        properties: ["Pset_WallCommon.IsExternal": "true"],
        level: -2,
        small: 200,
        optionalMissing: nil,
        url: URL(string: "https://example.com/a?b=c")!,
        cost: Decimal(string: "1234.56")!,
        nested: [[1, 2], [], [3]]
    )

    @Test("a domain type round-trips with BSON-native field types")
    func roundTrip() throws {
        let document = try BSONEncoder().encode(Self.sample)
        #expect(document["id"] == .objectID(Self.sample.id))
        #expect(document["version"] == .int64(3))
        #expect(document["level"] == .int32(-2))
        #expect(document["created"] == .dateTime(BSONDateTime(millisecondsSinceEpoch: 1_700_000_000_250)))
        #expect(document["checksum"]?.binaryValue?.data == Data([1, 2, 3]))
        #expect(document["modelId"]?.binaryValue?.subtype == BSONBinary.uuidSubtype)
        #expect(document["kind"] == "wall")
        #expect(document["url"] == "https://example.com/a?b=c")
        #expect(document["cost"] == .decimal128(BSONDecimal128("1234.56")!))
        #expect(document["optionalMissing"] == nil, "nil optionals are omitted, as synthesized Codable does")
        // Through the wire format and back.
        let wire = try BSONDocument(bsonBytes: document.bsonBytes())
        let decoded = try BSONDecoder().decode(Entity.self, from: wire)
        #expect(decoded == Self.sample)
    }

    @Test("numbers decode leniently across int32, int64 and integral doubles")
    func lenientNumbers() throws {
        struct Counter: Codable, Equatable { var a: Int; var b: Int32; var c: Double }
        let decoded = try BSONDecoder().decode(Counter.self, from: ["a": .int32(7), "b": .double(8), "c": .int64(9)])
        #expect(decoded == Counter(a: 7, b: 8, c: 9))
        #expect(throws: DecodingError.self) { try BSONDecoder().decode(Counter.self, from: ["a": 1.5, "b": 1, "c": 1]) }
        #expect(throws: DecodingError.self) { try BSONDecoder().decode(Counter.self, from: ["a": .int64(.max), "b": .int64(.max), "c": 1]) }
    }

    @Test("missing keys and wrong types are decoding errors, not crashes")
    func decodingErrors() {
        #expect(throws: DecodingError.self) { try BSONDecoder().decode(Quantity.self, from: ["value": 1]) }
        #expect(throws: DecodingError.self) { try BSONDecoder().decode(Quantity.self, from: ["name": 1, "value": 1]) }
        #expect(throws: DecodingError.self) { try BSONDecoder().decode(Quantity.self, fromValue: .array([])) }
    }

    @Test("a top-level non-document value cannot be stored as a document")
    func topLevelMustBeKeyed() {
        #expect(throws: BIMDocumentError.self) { try BSONEncoder().encode([1, 2, 3]) }
        #expect(throws: BIMDocumentError.self) { try BSONEncoder().encode(UInt64.max) }
    }

    @Test("ObjectId is a hex string in JSON")
    func objectIDJSON() throws {
        let id = BSONObjectID("5f1b2c3d4e5f607182930a1b")!
        let json = try JSONEncoder().encode([id])
        #expect(String(decoding: json, as: UTF8.self) == "[\"5f1b2c3d4e5f607182930a1b\"]")
        #expect(try JSONDecoder().decode([BSONObjectID].self, from: json) == [id])
    }

    @Test("free-form BSON fields stay native in BSON and become plain JSON elsewhere")
    func freeFormFields() throws {
        struct Wrapper: Codable, Equatable {
            var name: String
            var extra: BSONDocument
        }
        let id = BSONObjectID("5f1b2c3d4e5f607182930a1b")!
        let wrapper = Wrapper(name: "w", extra: ["id": .objectID(id), "n": .int32(3), "list": [1, "x"]])
        let document = try BSONEncoder().encode(wrapper)
        #expect(document["extra"]?.documentValue?["id"] == .objectID(id))
        #expect(try BSONDecoder().decode(Wrapper.self, from: document) == wrapper)

        let json = try JSONEncoder().encode(wrapper)
        let back = try JSONDecoder().decode(Wrapper.self, from: json)
        #expect(back.extra["id"] == .string(id.hex))
        #expect(back.extra["n"] == .int64(3))
        #expect(back.extra["list"] == [1, "x"])
    }
}
