/// A read-ahead window over one segment file that walks record frames.
///
/// Shared by recovery (which checks every frame) and the drain reader (which keeps one window
/// between calls so consecutive reads continue where the last stopped, sequentially).
struct FrameWindow {
    /// One step of the walk.
    enum Step {
        /// A frame whose payload is at `payloadStart..<payloadStart + length` in `buffer`;
        /// the next frame starts at file offset `next`.
        case frame(payloadStart: Int, length: Int, next: Int)
        case damage(SegmentDamage)
        case end
    }

    private(set) var buffer: [UInt8]
    private var file: SpoolFile?
    /// File offset of `buffer[0]` and how many bytes of `buffer` are valid.
    private var start = 0
    private var count = 0
    private let chunk: Int

    init(chunk: Int) {
        self.chunk = max(chunk, 4096)
        buffer = []
    }

    /// Forgets the buffered bytes (and lets the file go).
    mutating func reset() {
        file = nil
        start = 0
        count = 0
    }

    /// The frame at `offset` of `file`, whose intact content ends at `end`.
    mutating func frame(in file: SpoolFile, at offset: Int, end: Int, verify: Bool) throws(SpoolError) -> Step {
        guard offset < end else { return .end }
        let remaining = end - offset
        guard remaining >= SegmentFormat.frameHeaderSize else {
            return .damage(.frameTruncated(needed: SegmentFormat.frameHeaderSize, available: remaining))
        }
        guard let headerIndex = try load(file, offset: offset, length: SegmentFormat.frameHeaderSize, end: end) else {
            return .damage(.frameTruncated(needed: SegmentFormat.frameHeaderSize, available: 0))
        }
        let (length, stored) = buffer.withUnsafeBytes { raw in
            (raw.loadLittleEndianUInt32(at: headerIndex), raw.loadLittleEndianUInt32(at: headerIndex + 4))
        }
        let frameSize = SegmentFormat.frameHeaderSize + Int(length)
        guard frameSize <= remaining else {
            return .damage(.frameTruncated(needed: frameSize, available: remaining))
        }
        guard let frameIndex = try load(file, offset: offset, length: frameSize, end: end) else {
            return .damage(.frameTruncated(needed: frameSize, available: 0))
        }
        let payloadStart = frameIndex + SegmentFormat.frameHeaderSize
        if verify {
            let computed = buffer.withUnsafeBytes { raw in
                SegmentFormat.frameChecksum(
                    length: length,
                    payload: UnsafeRawBufferPointer(rebasing: raw[payloadStart..<payloadStart + Int(length)])
                )
            }
            guard computed == stored else { return .damage(.checksumMismatch(stored: stored, computed: computed)) }
        }
        return .frame(payloadStart: payloadStart, length: Int(length), next: offset + frameSize)
    }

    /// A copy of buffered bytes (a payload returned by `frame`).
    func copy(from start: Int, count: Int) -> [UInt8] {
        buffer.withUnsafeBytes { raw in
            [UInt8](unsafeUninitializedCapacity: count) { target, initialized in
                if count > 0, let source = raw.baseAddress, let destination = target.baseAddress {
                    destination.update(from: source.advanced(by: start).assumingMemoryBound(to: UInt8.self), count: count)
                }
                initialized = count
            }
        }
    }

    /// Makes file bytes `offset..<offset + length` available; returns their index in `buffer`,
    /// or nil when the file is shorter than `end` claims.
    private mutating func load(_ file: SpoolFile, offset: Int, length: Int, end: Int) throws(SpoolError) -> Int? {
        if let current = self.file, current === file, offset >= start, offset + length <= start + count {
            return offset - start
        }
        let wanted = min(max(chunk, length), end - offset)
        if buffer.count < wanted {
            buffer = [UInt8](repeating: 0, count: max(wanted, chunk))
        }
        self.file = file
        start = offset
        count = 0
        let got = try file.read(into: &buffer, count: wanted, at: offset)
        count = got
        return got >= length ? 0 : nil
    }
}
