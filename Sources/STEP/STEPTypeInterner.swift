/// Maps entity type names (bytes) to dense codes during the index pass.
///
/// Runs once per instance, so it avoids per-byte work: a name is keyed by its length and
/// its first and last 8 bytes (loaded as words); only names longer than 16 bytes compare
/// their middle bytes. No String and no allocation per instance, only per distinct name.
struct STEPTypeInterner {
    private(set) var names: [String] = []
    private var keys: [Key] = []
    private var pool: [UInt8] = []
    private var slots: [Int32] = Array(repeating: -1, count: 1024)

    private struct Key {
        var first: UInt64
        var last: UInt64
        var length: Int
        var hash: UInt64
        var poolStart: Int
    }

    static let maxProbes = 256

    /// Upper bound on distinct names, so codes fit the index's 2-byte type column below the
    /// complex flag bit (the largest IFC schema has about 1,000 entities; only a crafted file
    /// with thousands of distinct complex combinations gets near it).
    static let maxNames = 1 << 15

    var count: Int { names.count }

    /// Up to 8 bytes from `i` (not past `end`) as a little-endian word, zero padded.
    @inline(__always)
    private static func word(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> UInt64 {
        if end - i >= 8 {
            return UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
        }
        var w: UInt64 = 0
        var k = end - 1
        while k >= i {
            w = w << 8 | UInt64(p[k])
            k -= 1
        }
        return w
    }

    /// Code for `p[start..<end]`, adding the name if new; nil when the table is full or
    /// the probe limit is hit (hostile input).
    @inline(__always)
    mutating func intern(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32? {
        let length = end - start
        let first = Self.word(p, start, end)
        let last = length > 8 ? Self.word(p, max(start + 8, end - 8), end) : 0
        var h = (first &* 0x9E37_79B9_7F4A_7C15) ^ (last &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        // Middle words too, so names differing only inside cannot all share one bucket.
        var k = start + 8
        while k + 8 < end - 8 {
            h = (h ^ Self.word(p, k, end)) &* 0x9E37_79B9_7F4A_7C15
            k += 8
        }
        if k < end - 8 { h = (h ^ Self.word(p, k, end - 8)) &* 0x9E37_79B9_7F4A_7C15 }
        h ^= h >> 29
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        var probes = 0
        // Probe count is capped so crafted colliding names cannot make indexing quadratic.
        while probes <= min(mask, Self.maxProbes) {
            let e = slots[s]
            if e < 0 { break }
            let key = keys[Int(e)]
            if key.first == first, key.last == last, key.length == length,
               length <= 16 || middleMatches(key.poolStart, p, start, end)
            {
                return UInt32(e)
            }
            s = (s + 1) & mask
            probes += 1
        }
        guard slots[s] < 0 else { return nil }
        return insert(
            p, start, end, Key(first: first, last: last, length: length, hash: h, poolStart: pool.count), slot: s)
    }

    private func middleMatches(_ poolStart: Int, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        pool.withUnsafeBufferPointer { q in
            var a = poolStart + 8
            var b = start + 8
            while b < end - 8 {
                if q[a] != p[b] { return false }
                a += 1
                b += 1
            }
            return true
        }
    }

    private mutating func insert(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ key: Key, slot: Int
    ) -> UInt32? {
        guard names.count < Self.maxNames else { return nil }
        let code = Int32(names.count)
        pool.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<end]))
        names.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self))
        keys.append(key)
        slots[slot] = code
        if names.count * 2 > slots.count { rehash() }
        return UInt32(code)
    }

    /// Code for an already decoded name (used for complex instances).
    mutating func intern(_ name: [UInt8]) -> UInt32? {
        name.withUnsafeBufferPointer { intern($0, 0, $0.count) }
    }

    private mutating func rehash() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for (code, key) in keys.enumerated() {
            var s = Int(truncatingIfNeeded: key.hash) & mask
            while bigger[s] >= 0 { s = (s + 1) & mask }
            bigger[s] = Int32(code)
        }
        slots = bigger
    }
}
