/// A BSON internal timestamp (oplog/cluster time); not for application dates.
public struct BSONTimestamp: Sendable, Hashable {
    public var timestamp: UInt32
    public var increment: UInt32

    public init(timestamp: UInt32, increment: UInt32) {
        self.timestamp = timestamp
        self.increment = increment
    }
}
