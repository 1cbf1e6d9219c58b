/// The result of walking the audit chain.
public struct AuditChainReport: Sendable, Hashable, Codable {
    public var ok: Bool
    public var rowsChecked: Int64
    /// The first row whose content, link or position is wrong.
    public var firstBrokenSeq: Int64?
    public var problem: String?
    public var headSeq: Int64
    public var headHash: String
    /// Compact JWS over {seq, hash, time} signed with the active JWT key;
    /// keep it outside Atrium and verify it with the JWKS.
    public var checkpoint: String?

    enum CodingKeys: String, CodingKey {
        case ok, problem, checkpoint
        case rowsChecked = "rows_checked"
        case firstBrokenSeq = "first_broken_seq"
        case headSeq = "head_seq"
        case headHash = "head_hash"
    }
}
