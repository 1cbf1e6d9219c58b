/// Maps entity type names (bytes) to dense codes during the index pass.
///
/// Open addressing over one flat byte pool: no String and no allocation per instance,
/// only per distinct type name (a few hundred in an IFC file).
struct STEPTypeInterner {
    private(set) var names: [String] = []
    private var pool: [UInt8] = []
    private var poolStarts: [Int] = []
    private var slots: [Int32] = Array(repeating: -1, count: 1024)
    private var lastCode: Int32 = -1

    /// Upper bound on distinct names, so hostile input cannot grow the table without limit
    /// beyond what its size already allows, and codes stay below the complex flag bit.
    static let maxNames = 1 << 24

    var count: Int { names.count }

    /// Code for `p[start..<end]`, adding the name if new; nil when the table is full.
    mutating func intern(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32? {
        // Exporters write long runs of one type: check the previous name first.
        if lastCode >= 0, matches(lastCode, p, start, end) { return UInt32(lastCode) }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var k = start
        while k < end {
            h = (h ^ UInt64(p[k])) &* 0x0000_0100_0000_01b3
            k += 1
        }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        var probes = 0
        while probes <= mask {
            let e = slots[s]
            if e < 0 { break }
            if matches(e, p, start, end) {
                lastCode = e
                return UInt32(e)
            }
            s = (s + 1) & mask
            probes += 1
        }
        guard names.count < Self.maxNames else { return nil }
        let code = Int32(names.count)
        poolStarts.append(pool.count)
        pool.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<end]))
        names.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self))
        slots[s] = code
        lastCode = code
        if names.count * 2 > slots.count { rehash() }
        return UInt32(code)
    }

    /// Code for an already decoded name (used for complex instances and lookups).
    mutating func intern(_ name: [UInt8]) -> UInt32? {
        name.withUnsafeBufferPointer { intern($0, 0, $0.count) }
    }

    private func matches(_ code: Int32, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let c = Int(code)
        let s = poolStarts[c]
        let e = c + 1 < poolStarts.count ? poolStarts[c + 1] : pool.count
        guard e - s == end - start else { return false }
        return pool.withUnsafeBufferPointer { q in
            var a = s
            var b = start
            while a < e {
                if q[a] != p[b] { return false }
                a += 1
                b += 1
            }
            return true
        }
    }

    private mutating func rehash() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for code in 0..<names.count {
            let s0 = poolStarts[code]
            let e0 = code + 1 < poolStarts.count ? poolStarts[code + 1] : pool.count
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for k in s0..<e0 { h = (h ^ UInt64(pool[k])) &* 0x0000_0100_0000_01b3 }
            var s = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while bigger[s] >= 0 { s = (s + 1) & mask }
            bigger[s] = Int32(code)
        }
        slots = bigger
    }
}
