/// Store failures the services translate into API outcomes.
public enum SecurityStoreError: Error, Sendable, Hashable {
    /// A unique constraint (user name, grant) already holds the value.
    case conflict
    case notFound
}
