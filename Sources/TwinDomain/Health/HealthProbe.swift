/// A dependency whose availability decides whether Atrium can serve traffic.
///
/// Stores implement it so the readiness endpoint can name the one that is down
/// without the API layer knowing which concrete database sits behind it.
public protocol HealthProbe: Sendable {
    /// Stable, client-visible name of the dependency, e.g. `postgresql` or `mongodb`.
    var name: String { get }
    /// Throws when the dependency does not answer a trivial round trip within `timeout`.
    func probe(timeout: Duration) async throws
    /// Figures worth showing beside up/down (the readings spool's backlog); nil for most stores.
    func details() -> [String: Int64]?
}

extension HealthProbe {
    public func details() -> [String: Int64]? { nil }
}
