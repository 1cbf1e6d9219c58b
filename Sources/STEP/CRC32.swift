/// CRC-32 (IEEE 802.3, as used by gzip and zip) to verify decompressed data.
///
/// Slicing-by-8 (eight 256-entry tables, 8 input bytes per step): verifying a large
/// model byte by byte would cost as much as indexing it.
struct CRC32 {
    private var tables = [UInt32](repeating: 0, count: 8 * 256)
    private(set) var value: UInt32 = 0xFFFF_FFFF

    init() {
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            tables[i] = c
        }
        for k in 1..<8 {
            for i in 0..<256 {
                let prev = tables[(k - 1) * 256 + i]
                tables[k * 256 + i] = (prev >> 8) ^ tables[Int(prev & 0xFF)]
            }
        }
    }

    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        var c = value
        tables.withUnsafeBufferPointer { t in
            var i = 0
            let n = bytes.count
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while i + 8 <= n {
                    let lo = c ^ UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                    let hi = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
                    c = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                        ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                        ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                        ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                    i += 8
                }
            }
            while i < n {
                c = t[Int((c ^ UInt32(bytes[i])) & 0xFF)] ^ (c >> 8)
                i += 1
            }
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
