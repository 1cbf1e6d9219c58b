/// CRC-32 (IEEE 802.3, as used by gzip and zip) to verify decompressed data.
struct CRC32 {
    private var table = [UInt32](repeating: 0, count: 256)
    private(set) var value: UInt32 = 0xFFFF_FFFF

    init() {
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            table[i] = c
        }
    }

    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        var c = value
        table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        value = c
    }

    var checksum: UInt32 { value ^ 0xFFFF_FFFF }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        bytes.withUnsafeBufferPointer { crc.update($0) }
        return crc.checksum
    }
}
