/// What recovery found wrong at some offset of a segment file.
public enum SegmentDamage: Sendable, Hashable, CustomStringConvertible {
    /// The file ends inside the 24-byte header.
    case headerTooShort(bytes: Int)
    case badMagic
    case headerChecksumMismatch
    case unsupportedVersion(UInt32)
    /// The header names a different first sequence than the file name.
    case baseMismatch(header: UInt64, fileName: UInt64)
    /// A frame header or payload runs past the end of the file.
    case frameTruncated(needed: Int, available: Int)
    case checksumMismatch(stored: UInt32, computed: UInt32)
    /// The segment holds sequence numbers that the next segment also claims.
    case overlapsNextSegment(nextBase: UInt64)
    /// base + record count does not fit in 64 bits.
    case sequenceOverflow

    public var description: String {
        switch self {
        case .headerTooShort(let bytes):
            "file ends inside the segment header (\(bytes) of \(SegmentFormat.headerSize) bytes)"
        case .badMagic:
            "not a spool segment (bad magic)"
        case .headerChecksumMismatch:
            "segment header checksum mismatch"
        case .unsupportedVersion(let version):
            "unsupported segment format version \(version)"
        case .baseMismatch(let header, let fileName):
            "header says first sequence \(header) but the file name says \(fileName)"
        case .frameTruncated(let needed, let available):
            "record frame needs \(needed) bytes but only \(available) remain"
        case .checksumMismatch(let stored, let computed):
            "record checksum mismatch (stored \(hex(stored)), computed \(hex(computed)))"
        case .overlapsNextSegment(let nextBase):
            "records overlap the next segment, which starts at sequence \(nextBase)"
        case .sequenceOverflow:
            "sequence numbers overflow 64 bits"
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
