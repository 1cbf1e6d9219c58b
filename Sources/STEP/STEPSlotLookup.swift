/// Finds the slot (position in the flat index arrays) of an instance id.
///
/// Dense ids (the norm) use a direct table; ascending sparse ids use binary search over
/// the id array itself (no extra memory); anything else falls back to a hash map.
enum STEPSlotLookup: Sendable {
    case dense(base: Int, table: [Int32])
    case sorted
    case hashed([Int: Int32])

    func slot(of id: Int, ids: [Int]) -> Int? {
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

    /// Builds the lookup and reports the slots of duplicate ids (every occurrence after the first).
    static func build(ids: [Int]) -> (STEPSlotLookup, duplicates: [Int]) {
        guard let minID = ids.min(), let maxID = ids.max() else { return (.sorted, []) }
        let span = maxID - minID + 1
        if span <= ids.count * 2 + 1024 {
            var table = [Int32](repeating: -1, count: span)
            var duplicates: [Int] = []
            for (slot, id) in ids.enumerated() {
                let k = id - minID
                if table[k] >= 0 { duplicates.append(slot) } else { table[k] = Int32(slot) }
            }
            return (.dense(base: minID, table: table), duplicates)
        }
        var ascending = true
        for k in 1..<max(1, ids.count) where ids[k] <= ids[k - 1] {
            ascending = false
            break
        }
        if ascending { return (.sorted, []) }
        var map: [Int: Int32] = [:]
        map.reserveCapacity(ids.count)
        var duplicates: [Int] = []
        for (slot, id) in ids.enumerated() {
            if map[id] != nil { duplicates.append(slot) } else { map[id] = Int32(slot) }
        }
        return (.hashed(map), duplicates)
    }
}
