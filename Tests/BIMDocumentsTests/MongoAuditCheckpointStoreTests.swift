import Foundation
import Testing
import TwinDomain
@testable import BIMDocuments

@Suite("Audit checkpoints in MongoDB", .enabled(if: MongoTestEnvironment.isAvailable, "\(MongoTestEnvironment.skipMessage)"))
struct MongoAuditCheckpointStoreTests {
    @Test func appendsAndReadsTheHighestSeq() async throws {
        try await MongoTestEnvironment.withDatabase("checkpoints") { database in
            let store = MongoAuditCheckpointStore(database: database)
            #expect(try await store.latestCheckpoint() == nil)
            let hash = String(repeating: "ab", count: 32)
            for seq in [3, 9, 5] as [Int64] {
                try await store.appendCheckpoint(AuditCheckpoint(seq: seq, hash: hash, timeMicros: seq * 10, token: "t\(seq)"))
            }
            #expect(try await store.latestCheckpoint() == AuditCheckpoint(seq: 9, hash: hash, timeMicros: 90, token: "t9"))
            #expect(store.storeName == "mongodb")
        }
    }
}
