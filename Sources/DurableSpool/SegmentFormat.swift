/// The on-disk layout of a segment file.
///
/// ```
/// header (24 bytes)
///   0  magic      89 53 50 4C 0D 0A 1A 0A   ("\x89SPL\r\n\x1A\n": catches text-mode and truncating copies)
///   8  version    u32 LE (1)
///  12  base       u64 LE, sequence number of the first record, equal to the file name
///  20  checksum   u32 LE, CRC-32C of bytes 0..<20
/// frames, back to back, until the end of the file
///   0  length     u32 LE, payload bytes
///   4  checksum   u32 LE, CRC-32C of the length field followed by the payload
///   8  payload
/// ```
///
/// A record's sequence number is `base + index`; it is not stored. The length takes part in
/// the checksum so that a zero-filled region (a file extended but never written) fails the
/// check instead of reading as a run of empty records.
enum SegmentFormat {
    static let magic: [UInt8] = [0x89, 0x53, 0x50, 0x4C, 0x0D, 0x0A, 0x1A, 0x0A]
    static let version: UInt32 = 1
    static let headerSize = 24
    static let frameHeaderSize = 8
    static let fileExtension = ".seg"
    /// Digits in a segment name: enough for every UInt64.
    static let nameDigits = 20

    static func fileName(base: UInt64) -> String {
        let digits = String(base)
        return String(repeating: "0", count: max(0, nameDigits - digits.count)) + digits + fileExtension
    }

    /// The base sequence a segment file name stands for, or nil if the name is not one of ours.
    static func base(fromFileName name: String) -> UInt64? {
        let utf8 = Array(name.utf8)
        let suffix = Array(fileExtension.utf8)
        guard utf8.count == nameDigits + suffix.count, utf8.suffix(suffix.count).elementsEqual(suffix) else {
            return nil
        }
        var value: UInt64 = 0
        for byte in utf8.prefix(nameDigits) {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    static func header(base: UInt64) -> [UInt8] {
        var bytes = magic
        withUnsafeBytes(of: version.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: base.littleEndian) { bytes.append(contentsOf: $0) }
        let checksum = bytes.withUnsafeBytes { CRC32C.checksum($0) }
        withUnsafeBytes(of: checksum.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Checks a header read from a file named for `expectedBase`.
    static func validateHeader(_ bytes: UnsafeRawBufferPointer, expectedBase: UInt64) -> SegmentDamage? {
        guard bytes.count >= headerSize else { return .headerTooShort(bytes: bytes.count) }
        guard bytes.prefix(magic.count).elementsEqual(magic) else { return .badMagic }
        let stored = bytes.loadLittleEndianUInt32(at: 20)
        let computed = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<20]))
        guard stored == computed else { return .headerChecksumMismatch }
        let version = bytes.loadLittleEndianUInt32(at: 8)
        guard version == Self.version else { return .unsupportedVersion(version) }
        let base = bytes.loadLittleEndianUInt64(at: 12)
        guard base == expectedBase else { return .baseMismatch(header: base, fileName: expectedBase) }
        return nil
    }

    /// The checksum stored in a frame for `payload`.
    @inline(__always)
    static func frameChecksum(length: UInt32, payload: UnsafeRawBufferPointer) -> UInt32 {
        CRC32C.finish(CRC32C.update(CRC32C.update(CRC32C.begin(), littleEndian: length), payload))
    }
}
