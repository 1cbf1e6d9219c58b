/// A segment file the spool holds open, as the writer last left it.
struct Segment: Sendable {
    /// Sequence number of the first record.
    let base: UInt64
    /// Records written; record k has sequence `base + k`.
    var records: UInt64
    /// Bytes of intact content (header and complete frames).
    var size: Int
    let file: SpoolFile

    /// One past the last record's sequence number; `base + records` never overflows (checked on
    /// every append and in recovery).
    var endSequence: UInt64 { base + records }

    var fileName: String { SegmentFormat.fileName(base: base) }

    /// True when every record is at or before `drainedThrough` (also for an empty segment).
    func isDrained(through drainedThrough: UInt64) -> Bool {
        endSequence <= drainedThrough || endSequence - drainedThrough <= 1
    }
}
