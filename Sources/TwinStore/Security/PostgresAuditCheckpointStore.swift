import Foundation
import Logging
import PostgresNIO
import TwinDomain

/// Checkpoints in PostgreSQL (`audit_checkpoints`, append-only like the chain).
public struct PostgresAuditCheckpointStore: AuditCheckpointRepository {
    let database: PostGISDatabase
    public var storeName: String { "postgresql" }

    public init(database: PostGISDatabase) { self.database = database }

    public func appendCheckpoint(_ checkpoint: AuditCheckpoint) async throws {
        do {
            _ = try await database.client.query("""
                INSERT INTO audit_checkpoints (key_id, seq, hash, time_us, token)
                VALUES (\(checkpoint.keyID), \(checkpoint.seq), \(checkpoint.hash), \(checkpoint.timeMicros), \(checkpoint.token))
                ON CONFLICT DO NOTHING
                """, logger: database.logger)
        } catch {
            throw PostgresErrorTranslator.translate(error, logger: database.logger)
        }
    }

    public func latestCheckpoint(keyID: String) async throws -> AuditCheckpoint? {
        do {
            let rows = try await database.client.query("""
                SELECT seq, hash, time_us, token FROM audit_checkpoints WHERE key_id = \(keyID)
                ORDER BY seq DESC, time_us DESC LIMIT 1
                """, logger: database.logger)
            for try await (seq, hash, time, token) in rows.decode((Int64, String, Int64, String).self) {
                return AuditCheckpoint(keyID: keyID, seq: seq, hash: hash, timeMicros: time, token: token)
            }
            return nil
        } catch {
            throw PostgresErrorTranslator.translate(error, logger: database.logger)
        }
    }
}
