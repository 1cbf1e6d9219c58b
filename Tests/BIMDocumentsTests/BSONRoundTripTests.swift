import Foundation
import Testing
@testable import BIMDocuments

@Suite("BSON round trips through libbson")
struct BSONRoundTripTests {
    /// One document holding every BSON type, nested documents, arrays and unicode keys.
    static var everyType: BSONDocument {
        [
            "double": .double(3.25),
            "negativeZero": .double(-0.0),
            "string": "héllo wörld ✓",
            "withNUL": .string("a\u{0}b"),
            "empty": "",
            "document": ["inner": ["deeper": [1, 2, 3]]],
            "array": [1, "two", 3.0, nil, ["k": true]],
            "binary": .binary(BSONBinary(subtype: 0x80, data: Data([0, 1, 2, 255]))),
            "uuid": .binary(BSONBinary(uuid: UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!)),
            "emptyBinary": .binary(BSONBinary(data: Data())),
            "undefined": .undefined,
            "oid": .objectID(BSONObjectID("5f1b2c3d4e5f607182930a1b")!),
            "true": true,
            "false": false,
            "date": .dateTime(BSONDateTime(millisecondsSinceEpoch: -62_135_596_800_000)),
            "null": nil,
            "regex": .regex(pattern: "^Ifc[A-Z]", options: "i"),
            "dbPointer": .dbPointer(collection: "db.entities", id: BSONObjectID("000000000000000000000001")!),
            "code": .javascript("function () { return 1; }"),
            "symbol": .symbol("sym"),
            "codeWithScope": .javascriptWithScope(code: "x + 1", scope: ["x": .int32(41)]),
            "int32": .int32(.min),
            "timestamp": .timestamp(BSONTimestamp(timestamp: 1_700_000_000, increment: 7)),
            "int64": .int64(.max),
            "decimal": .decimal128(BSONDecimal128("-1234567890.123456789012345678901234")!),
            "minKey": .minKey,
            "maxKey": .maxKey,
            "ключ": "unicode key",
            "键🔑": ["nested ключ": "値"],
            "$dollar.dotted": 1,
        ]
    }

    @Test("every BSON type survives Swift → bson_t → Swift unchanged")
    func everyTypeRoundTrips() throws {
        let original = Self.everyType
        let bytes = try original.bsonBytes()
        let decoded = try BSONDocument(bsonBytes: bytes)
        #expect(decoded == original)
        #expect(decoded.keys == original.keys, "key order is preserved")
        #expect(decoded["withNUL"]?.stringValue?.utf8.count == 3)
        #expect(decoded["uuid"]?.binaryValue?.uuid == UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
    }

    @Test("wire bytes match the BSON specification for a small document")
    func wireFormatIsExact() throws {
        let bytes = try (["a": .int32(1)] as BSONDocument).bsonBytes()
        // int32 length 12, type 0x10, "a\0", int32 1, terminator.
        #expect(bytes == [12, 0, 0, 0, 0x10, 0x61, 0, 1, 0, 0, 0, 0])
    }

    @Test("deeply nested documents and arrays round-trip")
    func deepNesting() throws {
        var value: BSONValue = "leaf"
        for level in 0..<50 {
            value = level.isMultiple(of: 2) ? .array([value]) : .document(["level\(level)": value])
        }
        let document: BSONDocument = ["root": value]
        #expect(try BSONDocument(bsonBytes: document.bsonBytes()) == document)
    }

    @Test("nesting beyond the limit is refused, not recursed into")
    func tooDeep() throws {
        var value: BSONValue = 1
        for _ in 0..<(BSONWriter.maximumDepth + 5) { value = .document(["x": value]) }
        #expect(throws: BIMDocumentError.self) { try (["root": value] as BSONDocument).bsonBytes() }
    }

    @Test("a key containing NUL is reported with its path")
    func nulInKey() {
        let document: BSONDocument = ["outer": ["bad\u{0}key": 1]]
        #expect(throws: BIMDocumentError.invalidDocument(field: "outer.bad\u{0}key")) { try document.bsonBytes() }
    }

    @Test("corrupt and truncated bytes are reported, never crash")
    func corruptInput() throws {
        let valid = try Self.everyType.bsonBytes()
        // Every truncation and a sweep of single-byte corruptions.
        for cut in stride(from: 0, to: valid.count, by: 7) {
            _ = try? BSONDocument(bsonBytes: Array(valid.prefix(cut)))
        }
        for position in stride(from: 0, to: valid.count, by: 3) {
            var damaged = valid
            damaged[position] ^= 0xA5
            _ = try? BSONDocument(bsonBytes: damaged)
        }
        #expect(throws: BIMDocumentError.self) { try BSONDocument(bsonBytes: [5, 0, 0]) }
        #expect(throws: BIMDocumentError.self) { try BSONDocument(bsonBytes: [6, 0, 0, 0, 0x42, 0]) }
        #expect(throws: BIMDocumentError.self) { try BSONDocument(bsonBytes: Array(valid.dropLast())) }
    }

    @Test("duplicate keys from the wire are kept; the subscript reads the first")
    func duplicateKeys() throws {
        var document = BSONDocument()
        document.append("k", 1)
        document.append("k", 2)
        let decoded = try BSONDocument(bsonBytes: document.bsonBytes())
        #expect(decoded.count == 2)
        #expect(decoded["k"] == 1)
    }

    @Test("subscript assignment replaces, appends and removes")
    func subscriptEditing() {
        var document: BSONDocument = ["a": 1, "b": 2]
        document["a"] = "one"
        document["c"] = 3
        document["b"] = nil
        #expect(document == ["a": "one", "c": 3])
    }

    @Test("literals build the expected values")
    func literals() {
        let filter: BSONDocument = ["n": 1, "x": 1.5, "s": "t", "b": true, "z": nil, "a": [1, "2"], "d": ["$gt": 3]]
        #expect(filter["n"] == .int64(1))
        #expect(filter["x"] == .double(1.5))
        #expect(filter["s"] == .string("t"))
        #expect(filter["b"] == .bool(true))
        #expect(filter["z"] == .null)
        #expect(filter["a"] == .array([.int64(1), .string("2")]))
        #expect(filter["d"]?.documentValue?["$gt"] == .int64(3))
    }

    @Test("relaxed Extended JSON renders plain numbers and typed wrappers")
    func extendedJSON() throws {
        let id = BSONObjectID("5f1b2c3d4e5f607182930a1b")!
        let document: BSONDocument = ["_id": .objectID(id), "n": .int32(5), "name": "Wall 🧱"]
        let json = try document.relaxedExtendedJSON()
        #expect(json.contains("\"$oid\" : \"5f1b2c3d4e5f607182930a1b\""))
        #expect(json.contains("\"n\" : 5"))
        #expect(json.contains("Wall 🧱"))
        let canonical = try Self.everyType.canonicalExtendedJSON()
        #expect(try BSONDocument(extendedJSON: canonical) == Self.everyType)
        #expect(throws: BIMDocumentError.self) { try BSONDocument(extendedJSON: "{not json") }
    }

    @Test("ObjectIds parse, print and generate uniquely in order")
    func objectIDs() {
        let first = BSONObjectID()
        let second = BSONObjectID()
        #expect(first != second)
        #expect(first < second)
        #expect(BSONObjectID(first.hex) == first)
        #expect(BSONObjectID("zz") == nil)
        #expect(BSONObjectID("5F1B2C3D4E5F607182930A1B")?.hex == "5f1b2c3d4e5f607182930a1b")
    }

    @Test("decimal128 keeps its exact text")
    func decimal128() {
        #expect(BSONDecimal128("12.50")?.description == "12.50")
        #expect(BSONDecimal128("-1E+3")?.description == "-1E+3")
        #expect(BSONDecimal128("NaN")?.description == "NaN")
        #expect(BSONDecimal128("not a number") == nil)
    }

    @Test("datetimes are kept in milliseconds, including before 1970")
    func dateTimes() {
        let date = Date(timeIntervalSince1970: -1.5)
        #expect(BSONDateTime(date).millisecondsSinceEpoch == -1500)
        #expect(BSONDateTime(millisecondsSinceEpoch: 1_700_000_000_123).date.timeIntervalSince1970 == 1_700_000_000.123)
    }

    @Test("conversion cost is small next to a server round trip")
    func conversionCost() throws {
        let document: BSONDocument = [
            "modelId": .binary(BSONBinary(uuid: UUID())), "version": 1, "globalId": "2O2Fr$t4X7Zf8NOew3FLOH",
            "ifcType": "IfcWall", "name": "Basic Wall:Interior - 138mm Partition",
            "attributes": ["Tag": "123456", "ObjectType": "Basic Wall", "Elevation": 3.5, "Count": 2],
            "propertySets": ["Pset_WallCommon": ["IsExternal": false, "FireRating": "REI60", "LoadBearing": true]],
        ]
        let iterations = 20_000
        let started = ContinuousClock.now
        var bytes = 0
        for _ in 0..<iterations {
            let wire = try document.bsonBytes()
            bytes += wire.count
            _ = try BSONDocument(bsonBytes: wire)
        }
        let elapsed = ContinuousClock.now - started
        print("BSON encode+decode: \(iterations) entity documents (\(bytes / iterations) bytes each) in \(elapsed)")
        #expect(bytes > 0)
    }
}
