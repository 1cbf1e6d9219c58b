/// What a reconciliation of derived points changed.
public struct PointSyncResult: Sendable, Hashable {
    public var created: Int
    public var updated: Int
    public var retired: Int
    public var unchanged: Int

    public init(created: Int = 0, updated: Int = 0, retired: Int = 0, unchanged: Int = 0) {
        self.created = created
        self.updated = updated
        self.retired = retired
        self.unchanged = unchanged
    }
}
