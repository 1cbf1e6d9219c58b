/// Outcomes of security operations that the API turns into problem documents.
///
/// Cases carry only client-safe text; audit reasons travel separately.
public enum SecurityError: Error, Sendable, Hashable {
    /// No or bad credentials (401). The reason is for the audit log only.
    case unauthenticated(reason: String)
    /// Authenticated but the permission is held nowhere (403).
    case forbidden
    /// Missing, or outside the caller's scope: deliberately indistinguishable (404).
    case notFound
    case conflict(String)
    case invalid([String])
    /// Too many failed attempts; retry after this many seconds (429).
    case throttled(retryAfterSeconds: Int)
}
