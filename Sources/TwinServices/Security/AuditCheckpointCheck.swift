/// How one store's latest checkpoint compares with the chain.
public struct AuditCheckpointCheck: Sendable, Hashable, Codable {
    public var store: String
    /// The signed seq, when the store had a checkpoint whose signature verified.
    public var seq: Int64?
    public var ok: Bool
    /// `truncated`, `rewritten`, `forged`, `unreadable`, `none`, `beyond-break`; nil when it matched.
    public var finding: String?
    public var problem: String?

    public init(store: String, seq: Int64? = nil, ok: Bool, finding: String? = nil, problem: String? = nil) {
        self.store = store
        self.seq = seq
        self.ok = ok
        self.finding = finding
        self.problem = problem
    }
}
