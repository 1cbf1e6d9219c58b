/// What opening the spool found and repaired. Nothing is dropped without an entry here.
public struct SpoolRecoveryReport: Sendable, Hashable, CustomStringConvertible {
    /// A damaged tail cut off the newest segment: the normal trace of a crash mid-write.
    public struct Truncation: Sendable, Hashable {
        public var fileName: String
        /// Byte offset of the first bad frame; the file now ends here.
        public var offset: Int
        public var bytesRemoved: Int
        /// Intact records kept before `offset`.
        public var recordsKept: UInt64
        public var damage: SegmentDamage
        /// The segment had no intact header, so the whole file was removed.
        public var fileRemoved: Bool
    }

    /// An older segment with damage inside, moved aside untouched for inspection.
    public struct Quarantine: Sendable, Hashable {
        public var fileName: String
        /// Where the file now is.
        public var movedTo: String
        /// The first sequence number the segment held (from its name).
        public var firstSequence: UInt64
        /// Byte offset of the first damage found.
        public var offset: Int
        /// Intact records before `offset` (they are in the quarantined file, not in the spool).
        public var intactRecordsBefore: UInt64
        public var fileSize: Int
        public var damage: SegmentDamage
    }

    /// Segment files examined.
    public var segmentsScanned = 0
    /// Intact records in the segments kept (drained or not).
    public var recordsRecovered: UInt64 = 0
    public var truncations: [Truncation] = []
    public var quarantined: [Quarantine] = []
    /// Segments whose records were all drained already (a crash between cursor write and delete).
    public var drainedSegmentsRemoved: [String] = []
    /// Directory entries that are not spool files; left alone.
    public var ignoredFiles: [String] = []
    /// Why the cursor file could not be used; the drain then restarts from the oldest record.
    public var cursorProblem: String?

    public init() {}

    /// True when nothing was truncated, quarantined or reset.
    public var isClean: Bool {
        truncations.isEmpty && quarantined.isEmpty && cursorProblem == nil
    }

    public var description: String {
        var lines = ["scanned \(segmentsScanned) segment(s), \(recordsRecovered) intact record(s)"]
        for cut in truncations {
            let action = cut.fileRemoved ? "removed" : "truncated at offset \(cut.offset) (\(cut.bytesRemoved) bytes)"
            lines.append("\(cut.fileName): \(action) after \(cut.recordsKept) record(s): \(cut.damage)")
        }
        for moved in quarantined {
            lines.append(
                "\(moved.fileName): quarantined to \(moved.movedTo): offset \(moved.offset) of \(moved.fileSize), "
                    + "\(moved.intactRecordsBefore) intact record(s) before it: \(moved.damage)"
            )
        }
        if !drainedSegmentsRemoved.isEmpty {
            lines.append("removed drained segment(s): \(drainedSegmentsRemoved.joined(separator: ", "))")
        }
        if !ignoredFiles.isEmpty {
            lines.append("ignored: \(ignoredFiles.joined(separator: ", "))")
        }
        if let cursorProblem {
            lines.append("cursor reset: \(cursorProblem)")
        }
        return lines.joined(separator: "\n")
    }
}
