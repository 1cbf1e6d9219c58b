import Testing
@testable import BIMDocuments

@Suite("MongoDB transactions (integration)", .enabled(if: MongoTestEnvironment.isAvailable, "\(MongoTestEnvironment.skipMessage)"))
struct MongoTransactionIntegrationTests {
    struct Rollback: Error {}

    @Test("a committed transaction applies all writes; an aborted one applies none")
    func commitAndAbort() async throws {
        try await MongoTestEnvironment.withDatabase("txn") { database in
            let pool = database.pool
            let models = database.collection("models")
            let entities = database.collection("entities")
            // Collections must exist before a transaction writes to them on older servers.
            try await models.insertOne(["_id": "seed"])
            try await entities.insertOne(["_id": "seed"])

            let committed = try await pool.withTransaction { session in
                try await models.insertOne(["_id": "M1", "name": "HQ"], session: session)
                try await entities.insertMany([["model": "M1", "g": "a"], ["model": "M1", "g": "b"]], session: session)
                // Reads in the session see its own uncommitted writes.
                return try await entities.countDocuments(["model": "M1"], session: session)
            }
            #expect(committed == 2)
            #expect(try await models.findOne(["_id": "M1"])?["name"] == "HQ")
            #expect(try await entities.countDocuments(["model": "M1"]) == 2)

            await #expect(throws: Rollback.self) {
                try await pool.withTransaction { session in
                    try await models.insertOne(["_id": "M2"], session: session)
                    try await entities.deleteMany(["model": "M1"], session: session)
                    throw Rollback()
                }
            }
            #expect(try await models.findOne(["_id": "M2"]) == nil)
            #expect(try await entities.countDocuments(["model": "M1"]) == 2)

            // A server-side failure inside the body aborts too, and surfaces translated.
            await #expect(throws: BIMDocumentError.duplicateKey(index: "_id_")) {
                try await pool.withTransaction { session in
                    try await models.insertOne(["_id": "M3"], session: session)
                    try await models.insertOne(["_id": "M1"], session: session)
                }
            }
            #expect(try await models.findOne(["_id": "M3"]) == nil)
        }
    }

    @Test("conflicting transactions are retried on TransientTransactionError and both apply")
    func writeConflictRetries() async throws {
        try await MongoTestEnvironment.withDatabase("txn_conflict") { database in
            let pool = database.pool
            let counters = database.collection("counters")
            try await counters.insertOne(["_id": "c", "n": .int64(0)])
            let attempts = Counter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await pool.withTransaction(maxAttempts: 10) { session in
                            attempts.increment()
                            try await counters.updateOne(["_id": "c"], ["$inc": ["n": 1]], session: session)
                            // Hold the write lock open so the other transaction collides with it.
                            try await Task.sleep(for: .milliseconds(300))
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await counters.findOne(["_id": "c"])?["n"]?.int64Value == 2)
            print("write-conflict test: \(attempts.value) transaction attempts for 2 commits")
        }
    }
}
