/// What is waiting to be drained.
public struct SpoolBacklog: Sendable, Hashable {
    /// Records after the drain cursor.
    public var records: UInt64
    /// On-disk bytes of the segments holding those records (the figure the quota limits).
    public var bytes: UInt64

    public init(records: UInt64, bytes: UInt64) {
        self.records = records
        self.bytes = bytes
    }
}
