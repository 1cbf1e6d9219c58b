/// Ascending byte offsets (one per instance), 4 bytes each.
///
/// Offsets grow with the ordinal, so the part above 32 bits changes only when the file crosses a
/// 4 GiB boundary: we keep the low 32 bits per instance plus, per boundary crossed, the first
/// ordinal past it. Files under 4 GiB (all real ones) have no boundaries at all.
struct STEPOffsetColumn: Sendable {
    private(set) var low: [UInt32] = []
    /// `boundaries[j]` = first ordinal whose offset is ≥ (j + 1) · 2³² (repeated if a jump crosses several).
    private(set) var boundaries: [Int] = []

    var count: Int { low.count }

    @inline(__always) subscript(k: Int) -> Int {
        let l = Int(low[k])
        if boundaries.isEmpty { return l }
        var high = 0
        while high < boundaries.count, boundaries[high] <= k { high += 1 }
        return high << 32 | l
    }

    mutating func reserveCapacity(_ n: Int) { low.reserveCapacity(n) }

    /// Appends an offset not smaller than the last one.
    @inline(__always) mutating func append(_ offset: Int) {
        let high = offset >> 32
        if high != boundaries.count { crossBoundaries(to: high) }
        low.append(UInt32(truncatingIfNeeded: offset))
    }

    private mutating func crossBoundaries(to high: Int) {
        precondition(high > boundaries.count, "offsets must be appended in ascending order")
        while boundaries.count < high { boundaries.append(low.count) }
    }
}
