import Foundation
import Synchronization
import Testing
@testable import BIMDocuments

@Suite("MongoDB collections (integration)", .enabled(if: MongoTestEnvironment.isAvailable, "\(MongoTestEnvironment.skipMessage)"))
struct MongoCollectionIntegrationTests {
    @Test("insert, find, update, replace, delete round trip with a unique index")
    func crudRoundTrip() async throws {
        try await MongoTestEnvironment.withDatabase("crud") { database in
            let entities = database.collection("entities")
            let created = try await entities.createIndexes([
                MongoIndex(keys: ["globalId": 1, "version": 1], name: "globalId_version", unique: true),
            ])
            #expect(created == ["globalId_version"])

            let first = try await entities.insertOne(["globalId": "A", "version": 1, "type": "IfcWall", "height": 3.0])
            #expect(first.objectIDValue != nil)
            let ids = try await entities.insertMany([
                ["globalId": "B", "version": 1, "type": "IfcSlab"],
                ["_id": "custom", "globalId": "C", "version": 1, "type": "IfcWall"],
            ])
            #expect(ids.count == 2)
            #expect(ids[1] == "custom")

            let wall = try await entities.findOne(["globalId": "A"])
            #expect(wall?["_id"] == first)
            #expect(wall?["height"] == 3.0)

            let walls = try await entities.find(
                ["type": "IfcWall"], options: MongoFindOptions(sort: ["globalId": -1], projection: ["globalId": 1, "_id": 0])
            )
            #expect(walls == [["globalId": "C"], ["globalId": "A"]])
            let skipped = try await entities.find([:], options: MongoFindOptions(sort: ["globalId": 1], limit: 1, skip: 1))
            #expect(skipped.map { $0["globalId"] } == ["B"])

            let update = try await entities.updateOne(["globalId": "A"], ["$set": ["height": 4.5]])
            #expect(update.matchedCount == 1 && update.modifiedCount == 1)
            let many = try await entities.updateMany(["version": 1], ["$inc": ["revision": 1]])
            #expect(many.modifiedCount == 3)
            let upsert = try await entities.updateOne(["globalId": "D", "version": 1], ["$set": ["type": "IfcDoor"]], upsert: true)
            #expect(upsert.upsertedID != nil)
            let replaced = try await entities.replaceOne(["globalId": "B"], ["globalId": "B", "version": 1, "type": "IfcRoof"])
            #expect(replaced.modifiedCount == 1)
            #expect(try await entities.findOne(["globalId": "B"])?["type"] == "IfcRoof")
            #expect(try await entities.findOne(["globalId": "B"])?["revision"] == nil, "replace drops old fields")
            #expect(try await entities.countDocuments() == 4)
            #expect(try await entities.countDocuments(["type": "IfcWall"]) == 2)

            await #expect(throws: BIMDocumentError.duplicateKey(index: "globalId_version")) {
                try await entities.insertOne(["globalId": "A", "version": 1])
            }
            await #expect(throws: BIMDocumentError.duplicateKey(index: "globalId_version")) {
                try await entities.updateOne(["globalId": "B"], ["$set": ["globalId": "A"]])
            }

            #expect(try await entities.deleteOne(["globalId": "A"]) == 1)
            #expect(try await entities.deleteOne(["globalId": "A"]) == 0)
            #expect(try await entities.deleteMany(["version": 1]) == 3)
            #expect(try await entities.findOne(["globalId": "A"]) == nil)
        }
    }

    @Test("every BSON type the server stores comes back identical")
    func everyTypeThroughServer() async throws {
        try await MongoTestEnvironment.withDatabase("types") { database in
            let collection = database.collection("types")
            var document = BSONRoundTripTests.everyType
            // Deprecated types the server rejects or rewrites are left out of the stored copy.
            for key in ["undefined", "dbPointer", "symbol", "codeWithScope", "$dollar.dotted"] { document[key] = nil }
            // The server moves `_id` to the front, so put it there to compare order too.
            document = BSONDocument([(key: "_id", value: .objectID(BSONObjectID()))] + document.elements)
            try await collection.insertOne(document)
            let read = try await collection.findOne(["_id": document["_id"]!])
            #expect(read == document)
        }
    }

    @Test("Codable documents store and load")
    func codable() async throws {
        try await MongoTestEnvironment.withDatabase("codable") { database in
            let collection = database.collection("entities")
            let stored = try BSONEncoder().encode(BSONCodableTests.sample)
            try await collection.insertOne(stored)
            let loaded = try await collection.findOne(["globalId": .string(BSONCodableTests.sample.globalId)])
            let decoded = try BSONDecoder().decode(BSONCodableTests.Entity.self, from: try #require(loaded))
            #expect(decoded == BSONCodableTests.sample)
        }
    }

    @Test("aggregation with $lookup joins two collections")
    func aggregationLookup() async throws {
        try await MongoTestEnvironment.withDatabase("aggregate") { database in
            let spaces = database.collection("spaces")
            let assets = database.collection("assets")
            try await spaces.insertMany([["_id": "S1", "name": "Plant room"], ["_id": "S2", "name": "Office"]])
            try await assets.insertMany([
                ["tag": "AHU-1", "space": "S1"], ["tag": "AHU-2", "space": "S1"], ["tag": "FCU-9", "space": "S2"],
            ])
            let result = try await spaces.aggregate([
                ["$lookup": ["from": "assets", "localField": "_id", "foreignField": "space", "as": "assets"]],
                ["$project": ["name": 1, "assetCount": ["$size": "$assets"]]],
                ["$sort": ["_id": 1]],
            ])
            #expect(result.count == 2)
            #expect(result.first?["name"] == "Plant room")
            #expect(result.first?["assetCount"]?.int64Value == 2)
            #expect(result.last?["assetCount"]?.int64Value == 1)
        }
    }

    @Test("a 2dsphere index, compound and partial indexes can be ensured twice")
    func indexesAreIdempotent() async throws {
        try await MongoTestEnvironment.withDatabase("indexes") { database in
            let spaces = database.collection("spaces")
            let indexes = [
                MongoIndex(keys: ["footprint": "2dsphere"], name: "footprint_2dsphere"),
                MongoIndex(keys: ["modelId": 1, "storey": 1, "name": -1], name: "model_storey_name"),
                MongoIndex(keys: ["barcode": 1], name: "barcode_unique", unique: true, partialFilter: ["barcode": ["$type": "string"]]),
            ]
            #expect(try await spaces.createIndexes(indexes).count == 3)
            #expect(try await spaces.createIndexes(indexes).isEmpty, "second run creates nothing and does not fail")
            let names = Set(try await spaces.listIndexes().compactMap { $0["name"]?.stringValue })
            #expect(names.isSuperset(of: ["_id_", "footprint_2dsphere", "model_storey_name", "barcode_unique"]))

            // The partial unique index ignores documents without a string barcode.
            try await spaces.insertMany([["name": "a"], ["name": "b"], ["barcode": "X1"]])
            await #expect(throws: BIMDocumentError.duplicateKey(index: "barcode_unique")) {
                try await spaces.insertOne(["barcode": "X1"])
            }
            // And the 2dsphere index answers a geo query.
            try await spaces.insertOne([
                "name": "room", "footprint": ["type": "Point", "coordinates": [8.54, 47.37]],
            ])
            let near = try await spaces.find(["footprint": ["$geoWithin": ["$centerSphere": [[8.54, 47.37], 0.0001]]]])
            #expect(near.map { $0["name"] } == ["room"])
        }
    }

    @Test("bulk writes mix inserts, updates, upserts and deletes")
    func bulkWrite() async throws {
        try await MongoTestEnvironment.withDatabase("bulk") { database in
            let collection = database.collection("items")
            try await collection.createIndexes([MongoIndex(keys: ["k": 1], name: "k_unique", unique: true)])
            let result = try await collection.bulkWrite([
                .insertOne(["k": 1]),
                .insertOne(["k": 2]),
                .updateOne(filter: ["k": 1], update: ["$set": ["v": "one"]], upsert: false),
                .replaceOne(filter: ["k": 3], replacement: ["k": 3, "v": "three"], upsert: true),
                .updateMany(filter: [:], update: ["$set": ["seen": true]], upsert: false),
                .deleteOne(filter: ["k": 2]),
            ])
            #expect(result.insertedCount == 2)
            #expect(result.upsertedCount == 1)
            #expect(result.deletedCount == 1)
            #expect(try await collection.countDocuments(["seen": true]) == 2)
            await #expect(throws: BIMDocumentError.duplicateKey(index: "k_unique")) {
                try await collection.bulkWrite([.insertOne(["k": 5]), .insertOne(["k": 5])], ordered: false)
            }
            #expect(try await collection.countDocuments(["k": 5]) == 1)
        }
    }

    @Test("batched reading visits every document once, in _id order")
    func batches() async throws {
        try await MongoTestEnvironment.withDatabase("batches") { database in
            let collection = database.collection("items")
            try await collection.insertMany((0..<1234).map { ["_id": .int32(Int32($0)), "even": .bool($0.isMultiple(of: 2))] })
            var seen: [Int64] = []
            var batchCount = 0
            for try await batch in collection.findBatches(["even": true], batchSize: 100) {
                #expect(batch.count <= 100)
                batchCount += 1
                seen += batch.compactMap { $0["_id"]?.int64Value }
            }
            #expect(seen == stride(from: 0, to: 1234, by: 2).map(Int64.init))
            #expect(batchCount == 7)

            let counter = Counter()
            try await collection.forEach(["even": false]) { _ in
                counter.increment()
                return true
            }
            #expect(counter.value == 617)
        }
    }

    @Test("many concurrent operations share a small pool without deadlock")
    func concurrency() async throws {
        try await MongoTestEnvironment.withDatabase("concurrency", maxPoolSize: 2) { database in
            let collection = database.collection("items")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask { try await collection.insertOne(["n": .int64(Int64(index))]) }
                }
                try await group.waitForAll()
            }
            #expect(try await collection.countDocuments() == 200)
        }
    }
}

/// A thread-safe counter for callbacks that run on the blocking threads.
final class Counter: Sendable {
    private let storage = Mutex(0)
    func increment() { storage.withLock { $0 += 1 } }
    var value: Int { storage.withLock { $0 } }
}

