/// The drain side's read position, kept between `read` calls so that draining is one sequential
/// pass over each segment instead of a seek per call.
struct DrainReader {
    /// A place in a segment: the frame at `offset` holds `sequence`.
    struct Position {
        let file: SpoolFile
        var sequence: UInt64
        var offset: Int
    }

    var window: FrameWindow
    /// Just after the last record returned.
    var position: Position?
    /// Where the previous call started, so that re-reading after a failed drain costs no scan.
    var checkpoint: Position?

    init(bufferSize: Int) {
        window = FrameWindow(chunk: bufferSize)
    }

    /// A position at `sequence` in `segment`, continuing from a remembered one when possible,
    /// otherwise walking frame headers from the start of the segment.
    mutating func seek(_ segment: Segment, to sequence: UInt64) throws(SpoolError) -> Position {
        var best = Position(file: segment.file, sequence: segment.base, offset: SegmentFormat.headerSize)
        for remembered in [position, checkpoint] {
            guard let remembered, remembered.file === segment.file,
                  remembered.sequence <= sequence, remembered.sequence >= best.sequence
            else { continue }
            best = remembered
        }
        while best.sequence < sequence {
            switch try window.frame(in: segment.file, at: best.offset, end: segment.size, verify: false) {
            case .frame(_, _, let next):
                best.sequence += 1
                best.offset = next
            case .damage(let damage):
                throw .corruptRecord(path: segment.file.path, offset: best.offset, sequence: best.sequence, damage: damage)
            case .end:
                throw .corruptRecord(
                    path: segment.file.path, offset: best.offset, sequence: best.sequence,
                    damage: .frameTruncated(needed: SegmentFormat.frameHeaderSize, available: 0)
                )
            }
        }
        return best
    }

    /// Lets go of file references (on close).
    mutating func reset() {
        window.reset()
        position = nil
        checkpoint = nil
    }
}
