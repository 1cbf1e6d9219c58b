/// Payloads framed and checksummed ahead of the lock, ready for one write.
@usableFromInline
struct FrameBatch: Sendable {
    @usableFromInline
    private(set) var bytes: [UInt8]
    @usableFromInline
    private(set) var recordCount = 0
    private let maxRecordBytes: Int

    @usableFromInline
    init(maxRecordBytes: Int, expectedRecords: Int, expectedPayloadBytes: Int = 32) {
        self.maxRecordBytes = maxRecordBytes
        bytes = []
        bytes.reserveCapacity(max(1, expectedRecords) * (SegmentFormat.frameHeaderSize + expectedPayloadBytes))
    }

    @usableFromInline
    mutating func add(_ payload: UnsafeRawBufferPointer) throws(SpoolError) {
        guard payload.count <= maxRecordBytes else {
            throw .recordTooLarge(index: recordCount, bytes: payload.count, limit: maxRecordBytes)
        }
        let length = UInt32(payload.count)
        let checksum = SegmentFormat.frameChecksum(length: length, payload: payload)
        let header = UInt64(length) | (UInt64(checksum) << 32)
        withUnsafeBytes(of: header.littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: payload)
        recordCount += 1
    }
}
