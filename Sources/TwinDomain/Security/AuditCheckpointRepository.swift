/// One place checkpoints are kept: a file under the data directory, a MongoDB collection, a
/// PostgreSQL table. Each is append-only from Atrium's side; readers trust only signatures.
public protocol AuditCheckpointRepository: Sendable {
    /// Names the store in reports (`file`, `mongodb`, `postgresql`).
    var storeName: String { get }
    func appendCheckpoint(_ checkpoint: AuditCheckpoint) async throws
    /// The checkpoint signed by key `keyID` with the highest `seq`, or nil when the store has none.
    func latestCheckpoint(keyID: String) async throws -> AuditCheckpoint?
}
