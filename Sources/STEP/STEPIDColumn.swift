/// Instance ids in file order, 4 bytes each while every id fits in 32 bits.
///
/// Why: ids are the largest per-instance array after the bytes themselves, and real files never
/// go past 2³²; a file that does (ids may have up to 18 digits) switches the whole column to
/// 8-byte storage once, so correctness never depends on the narrow case.
struct STEPIDColumn: Sendable {
    private(set) var narrow: [UInt32] = []
    /// Used instead of `narrow` once one id does not fit in 32 bits.
    private(set) var wide: [Int]?

    var count: Int { wide?.count ?? narrow.count }

    @inline(__always) subscript(k: Int) -> Int {
        if let wide { return wide[k] }
        return Int(narrow[k])
    }

    mutating func reserveCapacity(_ n: Int) { narrow.reserveCapacity(n) }

    @inline(__always) mutating func append(_ id: Int) {
        if wide == nil, id >= 0, id <= Int(UInt32.max) {
            narrow.append(UInt32(truncatingIfNeeded: id))
        } else {
            appendWide(id)
        }
    }

    private mutating func appendWide(_ id: Int) {
        if wide == nil {
            var all = [Int]()
            all.reserveCapacity(narrow.capacity)
            for v in narrow { all.append(Int(v)) }
            narrow = []
            wide = all
        }
        wide!.append(id)
    }

    /// The ids as plain integers (a fresh array).
    func toArray() -> [Int] {
        if let wide { return wide }
        return narrow.map(Int.init)
    }
}
