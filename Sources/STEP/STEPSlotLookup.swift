/// Finds the slot (position in the flat index arrays) of an instance id.
///
/// Dense ids (the norm) use a direct table; ascending sparse ids use binary search over
/// the id array itself (no extra memory); anything else falls back to a hash map.
///
/// Every path reports duplicate ids the same way: each occurrence after the first is a
/// duplicate, so the caller can drop it and the first definition wins. The binary search
/// relies on strictly increasing ids, which holds once those duplicates are dropped.
enum STEPSlotLookup: Sendable {
    case dense(base: Int, table: [Int32])
    case sorted
    case hashed([Int: Int32])

    @inline(__always) func slot(of id: Int, ids: STEPIDColumn) -> Int? {
        switch self {
        case .dense(let base, let table):
            let k = id &- base
            guard k >= 0, k < table.count else { return nil }
            let s = table[k]
            return s >= 0 ? Int(s) : nil
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

    /// Builds the lookup and reports the slots of duplicate ids (every occurrence after the
    /// first), in ascending slot order. With duplicates, the lookup answers the first occurrence.
    static func build(ids: STEPIDColumn) -> (STEPSlotLookup, duplicates: [Int]) {
        let n = ids.count
        guard n > 0 else { return (.sorted, []) }
        var minID = ids[0]
        var maxID = ids[0]
        var nondecreasing = true
        for k in 1..<n {
            let id = ids[k]
            if id < minID { minID = id }
            if id > maxID { maxID = id }
            if id < ids[k - 1] { nondecreasing = false }
        }
        let span = maxID - minID + 1
        if span <= n * 2 + 1024 {
            var table = [Int32](repeating: -1, count: span)
            var duplicates: [Int] = []
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
