import Foundation
import Testing
import TwinDomain
@testable import BIMDocuments

@Suite("BIMDocumentStore (integration)", .enabled(if: MongoTestEnvironment.isAvailable, "\(MongoTestEnvironment.skipMessage)"))
struct BIMDocumentStoreIntegrationTests {
    static func entity(_ key: ModelVersionKey, _ globalID: String, _ type: String) -> EntityDocument {
        EntityDocument(
            key: key, globalID: globalID, ifcType: type, name: "\(type) \(globalID)",
            attributes: ["Tag": .string(globalID), "Elevation": .double(3.5), "Count": .int(2), "Nested": .array([.null, .bool(true)])],
            propertySets: ["Pset_WallCommon": ["IsExternal": .bool(true), "FireRating": .string("REI60")]],
            classifications: [.object(["system": .string("Uniclass"), "code": .string("Pr_60_75_10")])],
            relations: ["container": .object(["ref": .string("2O2Fr$t4X7Zf8NOew3FLOH")])]
        )
    }

    /// Finding 9: an IFC property with an empty name failed a whole import ("empty key").
    @Test("member names the server refuses (empty, $-prefixed, dotted, NUL) round-trip through escaping")
    func oddKeysRoundTrip() async throws {
        try await MongoTestEnvironment.withDatabase("store_keys") { database in
            let store = BIMDocumentStore(database: database)
            try await store.ensureIndexes()
            let key = ModelVersionKey(modelID: UUID(), version: 1)
            var entity = Self.entity(key, "GODD", "IfcWall")
            let odd: [String: DocumentValue] = ["": .string("empty"), "$where": .int(1), "a.b": .bool(true), "nul\u{0}x": .null,
                                                "100%": .double(1), "%2E": .string("literal"), "%": .string("percent"),
                                                "nested": .object(["": .object(["$x.y": .int(2)])])]
            entity.attributes = odd
            entity.propertySets = ["": odd, "Pset.With.Dots": ["": .string("v")], "$set": ["ok": .int(1)]]
            entity.relations = ["": .array([.object(["$ref": .string("x")])])]
            #expect(try await store.storeEntities([entity]) == 1)
            #expect(try await store.entity(globalID: "GODD", in: key) == entity)
        }
    }

    @Test("entities upsert per model version and page by GlobalId")
    func entities() async throws {
        try await MongoTestEnvironment.withDatabase("store") { database in
            let store = BIMDocumentStore(database: database)
            try await store.ensureIndexes()
            try await store.ensureIndexes()
            let v1 = ModelVersionKey(modelID: UUID(), version: 1)
            let v2 = ModelVersionKey(modelID: v1.modelID, version: 2)
            let batch = (0..<25).map { Self.entity(v1, String(format: "G%03d", $0), $0.isMultiple(of: 5) ? "IfcSlab" : "IfcWall") }
            #expect(try await store.storeEntities(batch) == 25)
            #expect(try await store.storeEntities([Self.entity(v2, "G000", "IfcWall")]) == 1)
            // Re-storing replaces instead of duplicating.
            var renamed = batch[0]
            renamed.name = "renamed"
            #expect(try await store.storeEntities([renamed]) == 1)
            #expect(try await store.entityCount(in: v1) == 25)
            #expect(try await store.entity(globalID: "G000", in: v1) == renamed)
            #expect(try await store.entity(globalID: "G001", in: v1) == batch[1])
            #expect(try await store.entity(globalID: "nope", in: v1) == nil)

            let firstPage = try await store.entities(in: v1, ifcType: "IfcWall", afterGlobalID: nil, limit: 10)
            let secondPage = try await store.entities(in: v1, ifcType: "IfcWall", afterGlobalID: firstPage.last?.globalID, limit: 10)
            #expect(firstPage.count == 10 && secondPage.count == 10)
            #expect(Set((firstPage + secondPage).map(\.globalID)).count == 20)
            #expect((firstPage + secondPage).allSatisfy { $0.ifcType == "IfcWall" })

            #expect(try await store.deleteEntities(in: v1) == 25)
            #expect(try await store.entityCount(in: v2) == 1)
        }
    }

    @Test("files and tiles are stored per version and errors are domain errors")
    func files() async throws {
        try await MongoTestEnvironment.withDatabase("store_files") { database in
            let store = BIMDocumentStore(database: database)
            try await store.ensureIndexes()
            let key = ModelVersionKey(modelID: UUID(), version: 3)
            let original = try await store.putFile(
                Data("ISO-10303-21;".utf8),
                descriptor: StoredFileDescriptor(key: key, kind: .original, filename: "a.ifc", contentType: "application/x-step")
            )
            let tileV1 = try await store.putFile(
                Data([0x67, 0x6C, 0x54, 0x46]),
                descriptor: StoredFileDescriptor(key: key, kind: .glbTile, filename: "s1.glb", contentType: "model/gltf-binary", tileKey: "storey/1")
            )
            try await Task.sleep(for: .milliseconds(5))
            let tileV2 = try await store.putFile(
                Data([0x67, 0x6C, 0x54, 0x46, 2]),
                descriptor: StoredFileDescriptor(key: key, kind: .glbTile, filename: "s1.glb", contentType: "model/gltf-binary", tileKey: "storey/1")
            )
            #expect(try await store.fileData(id: original.id) == Data("ISO-10303-21;".utf8))
            #expect(try await store.files(in: key, kind: .original).map(\.id) == [original.id])
            #expect(try await store.files(in: key, kind: nil).count == 3)
            let newest = try await store.tile("storey/1", in: key)
            #expect(newest?.id == tileV2.id)
            #expect(newest?.descriptor.contentType == "model/gltf-binary")
            #expect(try await store.tile("storey/9", in: key) == nil)

            try await store.deleteFile(id: tileV1.id)
            await #expect(throws: RepositoryError.notFound) { try await store.fileData(id: tileV1.id) }
            await #expect(throws: RepositoryError.notFound) { try await store.fileData(id: "not-an-id") }
            try await store.probe(timeout: .seconds(2))
        }
    }

    @Test("storing a first import uses bulk inserts, a re-import upserts")
    func throughput() async throws {
        try await MongoTestEnvironment.withDatabase("store_bulk") { database in
            let store = BIMDocumentStore(database: database)
            try await store.ensureIndexes()
            let key = ModelVersionKey(modelID: UUID(), version: 1)
            let count = 2000
            let documents = (0..<count).map { Self.entity(key, String(format: "E%06d", $0), "IfcWall") }
            let started = ContinuousClock.now
            #expect(try await store.storeEntities(documents) == count)
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("storeEntities: \(count) entities in \(elapsed) (\(Int(Double(count) / seconds)) entities/s)")
            #expect(try await store.entityCount(in: key) == count)
            // Storing again (a re-run of the same import) replaces rather than duplicates.
            var again = Array(documents.prefix(100))
            again[0].name = "changed"
            #expect(try await store.storeEntities(again) == 100)
            #expect(try await store.entityCount(in: key) == count)
            #expect(try await store.entity(globalID: "E000000", in: key)?.name == "changed")
        }
    }
}
