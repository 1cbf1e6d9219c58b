import Foundation
import Testing
import TwinDomain
@testable import BIMDocuments

@Suite("Audit checkpoints in MongoDB", .enabled(if: MongoTestEnvironment.isAvailable, "\(MongoTestEnvironment.skipMessage)"))
struct MongoAuditCheckpointStoreTests {
    @Test func appendsAndReadsTheHighestSeq() async throws {
        try await MongoTestEnvironment.withDatabase("checkpoints") { database in
            let store = MongoAuditCheckpointStore(database: database)
            #expect(try await store.latestCheckpoint(keyID: "k1") == nil)
            let hash = String(repeating: "ab", count: 32)
            for seq in [3, 9, 5] as [Int64] {
                try await store.appendCheckpoint(AuditCheckpoint(keyID: "k1", seq: seq, hash: hash, timeMicros: seq * 10, token: "t\(seq)"))
            }
            // Another installation's key in the same database is not ours.
            try await store.appendCheckpoint(AuditCheckpoint(keyID: "k2", seq: 99, hash: hash, timeMicros: 1, token: "other"))
            #expect(try await store.latestCheckpoint(keyID: "k1") == AuditCheckpoint(keyID: "k1", seq: 9, hash: hash, timeMicros: 90, token: "t9"))
            #expect(try await store.latestCheckpoint(keyID: "k2")?.seq == 99)
            #expect(store.storeName == "mongodb")
        }
    }
}
