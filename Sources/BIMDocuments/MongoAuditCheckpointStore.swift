import Foundation
import TwinDomain

/// Checkpoints in MongoDB (`audit_checkpoints`): a second store outside PostgreSQL, so rewriting
/// the audit chain unseen needs the database, this collection, the checkpoint file and the key.
public struct MongoAuditCheckpointStore: AuditCheckpointRepository {
    let collection: MongoCollection
    public var storeName: String { "mongodb" }

    public init(database: MongoDatabase) {
        collection = database.collection("audit_checkpoints")
    }

    public func appendCheckpoint(_ checkpoint: AuditCheckpoint) async throws {
        do {
            _ = try await collection.insertOne([
                "kid": .string(checkpoint.keyID), "seq": .int64(checkpoint.seq), "hash": .string(checkpoint.hash),
                "timeUs": .int64(checkpoint.timeMicros), "token": .string(checkpoint.token),
            ])
        } catch let error as BIMDocumentError {
            throw error.repositoryError
        }
    }

    public func latestCheckpoint(keyID: String) async throws -> AuditCheckpoint? {
        let found: BSONDocument?
        do {
            found = try await collection.findOne(["kid": .string(keyID)], options: MongoFindOptions(sort: ["seq": -1, "timeUs": -1]))
        } catch let error as BIMDocumentError {
            throw error.repositoryError
        }
        guard let found, let seq = found["seq"]?.int64Value, let hash = found["hash"]?.stringValue,
              let time = found["timeUs"]?.int64Value, let token = found["token"]?.stringValue else { return nil }
        return AuditCheckpoint(keyID: keyID, seq: seq, hash: hash, timeMicros: time, token: token)
    }
}
