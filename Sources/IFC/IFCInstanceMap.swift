import STEP

/// Maps instance ids to dense ordinals (file order) so every per-instance table is a flat array.
///
/// Dense lookup when ids are compact (the usual case), a dictionary when they are sparse,
/// so a file with `#999999999` cannot make us allocate gigabytes.
struct IFCInstanceMap: Sendable {
    let ids: [Int]
    private let dense: [Int32]
    private let sparse: [Int: Int32]

    init(ids: [Int]) {
        self.ids = ids
        let maxID = ids.max() ?? 0
        if maxID >= 0, maxID <= ids.count * 4 + 1024 {
            var table = [Int32](repeating: -1, count: maxID + 1)
            for (k, id) in ids.enumerated() where id >= 0 { table[id] = Int32(k) }
            dense = table
            sparse = [:]
        } else {
            var map: [Int: Int32] = [:]
            map.reserveCapacity(ids.count)
            for (k, id) in ids.enumerated() { map[id] = Int32(k) }
            dense = []
            sparse = map
        }
    }

    @inline(__always) func ordinal(of id: Int) -> Int? {
        if !dense.isEmpty {
            guard id >= 0, id < dense.count else { return nil }
            let o = dense[id]
            return o < 0 ? nil : Int(o)
        }
        return sparse[id].map(Int.init)
    }

    @inline(__always) func ordinal(of id: STEPInstanceID) -> Int? { ordinal(of: id.rawValue) }
}
