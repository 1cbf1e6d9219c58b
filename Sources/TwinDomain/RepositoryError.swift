/// Errors every store translates its driver errors into at its boundary.
///
/// Services and the API only ever see these, so a PostgreSQL constraint name or a
/// MongoDB server message never reaches a client.
public enum RepositoryError: Error, Sendable, Equatable {
    /// The store could not be reached or refused the connection.
    case unavailable(store: String)
    /// The object does not exist (or is outside the caller's scope, which looks the same).
    case notFound
    /// A uniqueness or exclusion rule was violated; `rule` is a stable, client-safe name.
    case conflict(rule: String)
    /// A check or foreign-key rule was violated; `rule` is a stable, client-safe name.
    case constraintViolated(rule: String)
    /// Anything else; details go to the log, not to clients.
    case failed(store: String)
}
