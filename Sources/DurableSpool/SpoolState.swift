/// Everything the writer, the flusher and the drain share, guarded by `SpoolCore.state`.
struct SpoolState: Sendable {
    enum FlusherPhase: Sendable, Equatable {
        case running
        case sleeping(untilWoken: Bool)
    }

    /// Segments no longer appended to that still hold undrained records, oldest first. Already
    /// synced (at rotation), so the flusher never needs them.
    var sealed: [Segment]
    var sealedBytes: UInt64
    /// The segment appends go to; nil until the first append after open, a failed rotation or a
    /// drain that retired it.
    var active: Segment?
    /// A failed write left bytes past `active.size` that could not be truncated away; they are
    /// overwritten by the next write and cut off before the segment is sealed.
    var activeHasStaleTail = false

    /// Sequence number the next record gets; `nextSequence - 1` is the last assigned.
    var nextSequence: UInt64
    var drainedThrough: UInt64
    var syncedThrough: UInt64

    /// A segment was created since the last directory sync.
    var directoryDirty = false
    /// When the oldest write not covered by a finished or running sync happened.
    var unsyncedSince: ContinuousClock.Instant?
    /// Someone waits, so the flusher syncs without waiting for the commit interval.
    var syncRequested = false
    var flusherPhase = FlusherPhase.running
    /// A wake-up is posted to the flusher and not yet consumed, so no one posts another.
    var wakeupPosted = false
    var closing = false
    /// Set when a sync failed; from then on durability is unknown and appends are refused.
    var failure: SpoolError?

    var waiters: [DurabilityWaiter] = []
    var nextWaiterID: UInt64 = 0
    var stats = SpoolStats()
    var lastCursorStore: ContinuousClock.Instant

    var lastAssigned: UInt64 { nextSequence - 1 }

    /// Whether anything written is not yet known to be on disk.
    var hasUnsyncedWrites: Bool { lastAssigned > syncedThrough || directoryDirty }

    /// Bytes charged against the quota: sealed segments plus the active one unless fully drained.
    var quotaBytes: UInt64 {
        guard let active, !active.isDrained(through: drainedThrough) else { return sealedBytes }
        return sealedBytes + UInt64(active.size)
    }

    /// Records after the drain cursor.
    var undrainedRecords: UInt64 {
        var total: UInt64 = 0
        for segment in sealed { total += Self.undrained(segment, drainedThrough) }
        if let active { total += Self.undrained(active, drainedThrough) }
        return total
    }

    private static func undrained(_ segment: Segment, _ drainedThrough: UInt64) -> UInt64 {
        guard !segment.isDrained(through: drainedThrough) else { return 0 }
        let first = max(segment.base, drainedThrough + 1)
        return segment.endSequence - first
    }
}
