/// How an audited attempt ended.
public enum AuditOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case success
    /// Authorization refused the attempt (including out-of-scope → 404).
    case denied
    /// Authentication or validation failed (bad password, bad token, …).
    case failure
}
