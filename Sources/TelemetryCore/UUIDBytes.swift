import Foundation

/// UUID text parsing on bytes, without building a String.
enum UUIDBytes {
    @inline(__always)
    static func hexValue(_ c: UInt8) -> UInt8 {
        let d = c &- 0x30
        if d < 10 { return d }
        let l = (c | 0x20) &- 0x61
        if l < 6 { return l &+ 10 }
        return 0xFF
    }

    /// The canonical 8-4-4-4-12 form, hex digits in either case.
    @inline(__always)
    static func parse(_ raw: UnsafeRawBufferPointer) -> UUID? {
        guard raw.count == 36, let base = raw.baseAddress else { return nil }
        let p = base.assumingMemoryBound(to: UInt8.self)
        guard p[8] == 0x2D, p[13] == 0x2D, p[18] == 0x2D, p[23] == 0x2D else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var bad: UInt8 = 0
        withUnsafeMutableBytes(of: &bytes) { out in
            var i = 0
            for k in 0..<16 {
                if i == 8 || i == 13 || i == 18 || i == 23 { i += 1 }
                let h = hexValue(p[i])
                let l = hexValue(p[i + 1])
                bad |= (h | l) & 0xF0
                out[k] = h << 4 | (l & 0x0F)
                i += 2
            }
        }
        return bad == 0 ? UUID(uuid: bytes) : nil
    }
}
