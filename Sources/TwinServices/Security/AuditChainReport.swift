/// The result of walking the audit chain.
public struct AuditChainReport: Sendable, Hashable, Codable {
    public var ok: Bool
    public var rowsChecked: Int64
    /// The first row whose content, link or position is wrong.
    public var firstBrokenSeq: Int64?
    public var problem: String?
    public var headSeq: Int64
    public var headHash: String
    /// Compact JWS over {seq, hash, time} of the head, signed with the audit key (never the
    /// token key) when the chain and every checkpoint check held; keep it outside Atrium.
    public var checkpoint: String?
    /// Each checkpoint store's latest signed checkpoint against the chain: the only way to see
    /// a rewrite with recomputed hashes, or deleted newest rows.
    public var checkpoints: [AuditCheckpointCheck] = []

    enum CodingKeys: String, CodingKey {
        case ok, problem, checkpoint, checkpoints
        case rowsChecked = "rows_checked"
        case firstBrokenSeq = "first_broken_seq"
        case headSeq = "head_seq"
        case headHash = "head_hash"
    }
}
