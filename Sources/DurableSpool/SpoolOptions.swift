/// Tuning for a `DurableSpool`. The defaults suit the telemetry ingest path.
public struct SpoolOptions: Sendable {
    /// A segment is closed and a new one started once the next append would pass this size.
    /// A single append batch larger than this still goes into one segment.
    public var segmentSize: Int
    /// Quota on the bytes of segments that still hold undrained records; past it appends throw
    /// `SpoolError.full`.
    public var maxBytes: UInt64
    /// Largest single payload accepted.
    public var maxRecordBytes: Int
    /// Unsynced writes are synced at the latest this long after the first of them, even when
    /// nobody waits; a waiter triggers a sync at once.
    public var commitInterval: Duration
    /// `markDrained(through:)` rewrites the cursor file at most this often (it always does when
    /// a drain leaves no segment behind, and on close). Progress lost in a crash only means
    /// records are drained twice, which the drain target absorbs.
    public var cursorSyncInterval: Duration
    /// Size of the drain reader's read-ahead buffer.
    public var readBufferSize: Int

    /// Test hooks that simulate failing or slow system calls.
    var faults = FaultInjection()

    public init(
        segmentSize: Int = 64 << 20,
        maxBytes: UInt64 = 1 << 30,
        maxRecordBytes: Int = 1 << 20,
        commitInterval: Duration = .milliseconds(20),
        cursorSyncInterval: Duration = .seconds(1),
        readBufferSize: Int = 1 << 20
    ) {
        self.segmentSize = segmentSize
        self.maxBytes = maxBytes
        self.maxRecordBytes = maxRecordBytes
        self.commitInterval = commitInterval
        self.cursorSyncInterval = cursorSyncInterval
        self.readBufferSize = readBufferSize
    }

    func validate() throws(SpoolError) {
        let minimumSegment = SegmentFormat.headerSize + SegmentFormat.frameHeaderSize
        guard segmentSize >= minimumSegment else {
            throw .invalidOptions("segmentSize \(segmentSize) is below the minimum \(minimumSegment)")
        }
        guard maxBytes >= UInt64(minimumSegment) else {
            throw .invalidOptions("maxBytes \(maxBytes) is below the minimum \(minimumSegment)")
        }
        guard maxRecordBytes >= 0, maxRecordBytes <= Int(UInt32.max) - SegmentFormat.frameHeaderSize else {
            throw .invalidOptions("maxRecordBytes \(maxRecordBytes) is outside 0...\(Int(UInt32.max) - SegmentFormat.frameHeaderSize)")
        }
        guard commitInterval > .zero else {
            throw .invalidOptions("commitInterval must be positive")
        }
        guard cursorSyncInterval >= .zero else {
            throw .invalidOptions("cursorSyncInterval must not be negative")
        }
        guard readBufferSize >= 4096 else {
            throw .invalidOptions("readBufferSize \(readBufferSize) is below 4096")
        }
    }
}
