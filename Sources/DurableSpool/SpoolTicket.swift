/// What `append` hands back: the sequence numbers it assigned, to wait on for durability.
public struct SpoolTicket: Sendable, Hashable, Comparable {
    /// The last sequence number of the batch (for an empty batch, the last one assigned before it).
    public let lastSequence: UInt64
    /// Records in the batch; they hold `lastSequence - recordCount + 1 ... lastSequence`.
    public let recordCount: Int

    public init(lastSequence: UInt64, recordCount: Int) {
        self.lastSequence = lastSequence
        self.recordCount = recordCount
    }

    /// The first sequence number of the batch.
    public var firstSequence: UInt64 { lastSequence &- UInt64(recordCount) &+ 1 }

    public static func < (lhs: SpoolTicket, rhs: SpoolTicket) -> Bool {
        lhs.lastSequence < rhs.lastSequence
    }
}
