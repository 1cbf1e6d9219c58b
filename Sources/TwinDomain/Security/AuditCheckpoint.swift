import Foundation

/// A signed statement "the audit chain's row `seq` has hash `hash`", kept outside the chain.
///
/// Whoever owns PostgreSQL can rewrite rows and recompute every later hash, or delete the newest
/// rows; the chain alone cannot show either. A checkpoint signed with the audit key (never the
/// token key) and written to stores the database owner does not control can: a rewrite changes the
/// hash at a checkpointed `seq`, a truncation removes a checkpointed `seq`.
public struct AuditCheckpoint: Sendable, Hashable, Codable {
    /// The signing key's id: stores answer per key, so installations sharing a MongoDB database
    /// (or a restored data directory) never read each other's checkpoints as their own.
    public var keyID: String
    public var seq: Int64
    /// Lower-case hex SHA-256 of row `seq`.
    public var hash: String
    public var timeMicros: Int64
    /// The compact JWS whose payload is exactly the three fields above; the only part trusted.
    public var token: String

    public init(keyID: String, seq: Int64, hash: String, timeMicros: Int64, token: String) {
        self.keyID = keyID
        self.seq = seq
        self.hash = hash
        self.timeMicros = timeMicros
        self.token = token
    }

    enum CodingKeys: String, CodingKey {
        case seq, hash, token
        case keyID = "kid"
        case timeMicros = "time_us"
    }
}
