/// What a change feed reports about the twin tables, in the order it learned it.
///
/// Caches need only two facts: "these tables changed in a committed transaction" and "you may
/// have missed something". The second also says whether the feed is delivering again, because a
/// cache must not trust itself while nobody would tell it about the next change.
public enum TwinChangeEvent: Sendable, Hashable {
    /// Rows of these tables (PostgreSQL table names) changed in a committed transaction.
    case changed(tables: Set<String>)
    /// Notifications may have been lost (connection dropped, or first start). `listening` is true
    /// once the feed is subscribed again, so changes from here on will be reported.
    case reset(listening: Bool)
}
