/// Counters since the spool was opened, so tests and metrics can see how writes were grouped.
public struct SpoolStats: Sendable, Hashable {
    /// Successful `append` calls.
    public var appendCalls: UInt64 = 0
    /// Records appended.
    public var records: UInt64 = 0
    /// Frame bytes appended (headers and payloads, not segment headers).
    public var bytesWritten: UInt64 = 0
    /// write(2)/pwrite(2) calls made for appends.
    public var writeCalls: UInt64 = 0
    /// Group syncs by the flusher (each one fdatasync of the active segment, plus a directory
    /// fsync when a segment was created since the previous one).
    public var groupSyncs: UInt64 = 0
    /// Every fdatasync/fsync issued, including those at segment rotation and recovery.
    public var fsyncs: UInt64 = 0
    /// Segments started.
    public var rotations: UInt64 = 0
    /// Segments deleted after being drained.
    public var segmentsDeleted: UInt64 = 0
    /// Cursor file rewrites.
    public var cursorWrites: UInt64 = 0
    /// `append` calls refused with `SpoolError.full`.
    public var fullRejections: UInt64 = 0

    public init() {}
}
