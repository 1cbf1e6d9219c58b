/// What recovery hands the engine: the intact segments and the counters that continue from them.
struct RecoveredSpool: Sendable {
    var sealed: [Segment]
    var active: Segment?
    var nextSequence: UInt64
    var drainedThrough: UInt64
    /// The cursor as it is on disk after recovery.
    var cursor: CursorFile
    var report: SpoolRecoveryReport
}
