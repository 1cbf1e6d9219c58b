/// Finds the slot (position in the flat index arrays) of an instance id.
///
/// Dense ascending ids (most writers) use a bitmap of present ids with running counts (rank:
/// under half a byte per instance); other dense ids use a table of 2-byte slot offsets (slots
/// stay close to their id's rank in real files; the rare far ones go to a small map), or a
/// direct 4-byte table when too many are far;
/// ascending sparse ids use binary search over the id array itself (no extra memory);
/// anything else falls back to a hash map.
///
/// Every path reports duplicate ids the same way: each occurrence after the first is a
/// duplicate, so the caller can drop it and the first definition wins. The binary search
/// relies on strictly increasing ids, which holds once those duplicates are dropped.
enum STEPSlotLookup: Sendable {
    case dense(base: Int, table: [Int32])
    /// Slot of id = (id - base) + deltas[id - base]; `absent` marks no instance, `far` a slot in `farSlots`.
    case shifted(base: Int, deltas: [Int16], farSlots: [Int: Int32])
    /// Bit `id - base` is set for each present id; `ranks[w]` = set bits in words before `w`.
    case ranked(base: Int, bits: [UInt64], ranks: [Int32])
    case sorted
    case hashed([Int: Int32])

    @inline(__always) func slot(of id: Int, ids: STEPIDColumn) -> Int? {
        switch self {
        case .dense(let base, let table):
            let k = id &- base
            guard k >= 0, k < table.count else { return nil }
            let s = table[k]
            return s >= 0 ? Int(s) : nil
        case .shifted(let base, let deltas, let farSlots):
            let k = id &- base
            guard k >= 0, k < deltas.count else { return nil }
            let d = deltas[k]
            if d == Self.absent { return nil }
            if d == Self.far { return farSlots[k].map(Int.init) }
            return k + Int(d)
        case .ranked(let base, let bits, let ranks):
            let k = id &- base
            guard k >= 0, k < bits.count &* 64 else { return nil }
            let word = bits[k >> 6]
            let bit = UInt64(1) << UInt64(k & 63)
            guard word & bit != 0 else { return nil }
            return Int(ranks[k >> 6]) + (word & (bit &- 1)).nonzeroBitCount
        case .sorted:
            var lo = 0
            var hi = ids.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if ids[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            return lo < ids.count && ids[lo] == id ? lo : nil
        case .hashed(let map):
            return map[id].map(Int.init)
        }
    }

    static let absent = Int16.min
    static let far = Int16.max

    /// Builds the lookup and reports the slots of duplicate ids (every occurrence after the
    /// first), in ascending slot order. With duplicates, the lookup answers the first occurrence.
    static func build(ids: STEPIDColumn) -> (STEPSlotLookup, duplicates: [Int]) {
        let n = ids.count
        guard n > 0 else { return (.sorted, []) }
        var minID = ids[0]
        var maxID = ids[0]
        var nondecreasing = true
        var increasing = true
        for k in 1..<n {
            let id = ids[k]
            if id < minID { minID = id }
            if id > maxID { maxID = id }
            let previous = ids[k - 1]
            if id <= previous {
                increasing = false
                if id < previous { nondecreasing = false }
            }
        }
        let span = maxID - minID + 1
        if span <= n * 2 + 1024, increasing {
            var bits = [UInt64](repeating: 0, count: (span + 63) >> 6)
            for slot in 0..<n {
                let k = ids[slot] - minID
                bits[k >> 6] |= UInt64(1) << UInt64(k & 63)
            }
            var ranks = [Int32](repeating: 0, count: bits.count)
            var running: Int32 = 0
            for w in 0..<bits.count {
                ranks[w] = running
                running &+= Int32(bits[w].nonzeroBitCount)
            }
            // Strictly increasing, so the rank of an id is its slot. (With repeats a table below is
            // used first; after the caller drops them, a rebuild lands here.)
            return (.ranked(base: minID, bits: bits, ranks: ranks), [])
        }
        if span <= n * 2 + 1024 {
            var deltas = [Int16](repeating: Self.absent, count: span)
            var farSlots: [Int: Int32] = [:]
            var duplicates: [Int] = []
            let farLimit = n / 16 + 64
            for slot in 0..<n {
                let k = ids[slot] - minID
                if deltas[k] != Self.absent { duplicates.append(slot); continue }
                let d = slot - k
                if d > Int(Self.absent), d < Int(Self.far) {
                    deltas[k] = Int16(d)
                } else {
                    deltas[k] = Self.far
                    farSlots[k] = Int32(slot)
                    if farSlots.count > farLimit { break }
                }
            }
            if farSlots.count <= farLimit {
                return (.shifted(base: minID, deltas: deltas, farSlots: farSlots), duplicates)
            }
            // Too many slots far from their id's position (e.g. ids written in reverse): direct table.
            var table = [Int32](repeating: -1, count: span)
            duplicates.removeAll()
            for slot in 0..<n {
                let k = ids[slot] - minID
                if table[k] >= 0 { duplicates.append(slot) } else { table[k] = Int32(slot) }
            }
            return (.dense(base: minID, table: table), duplicates)
        }
        if nondecreasing {
            // Sparse but ascending: equal ids are neighbours. The binary search lands on the
            // first of a run, so even before the caller drops the repeats it finds the first.
            var duplicates: [Int] = []
            for k in 1..<n where ids[k] == ids[k - 1] { duplicates.append(k) }
            return (.sorted, duplicates)
        }
        var map: [Int: Int32] = [:]
        map.reserveCapacity(n)
        var duplicates: [Int] = []
        for slot in 0..<n {
            let id = ids[slot]
            if map[id] != nil { duplicates.append(slot) } else { map[id] = Int32(slot) }
        }
        return (.hashed(map), duplicates)
    }
}
