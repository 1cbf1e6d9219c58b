/// Referenced instance ordinal → (referencing instance ordinal, attribute index), sorted by target.
///
/// Why sorted entries rather than compressed rows: a row-offset array costs 4 bytes for every
/// instance of the file, though only the few instances relationships point at have entries; a
/// binary search over the entries' own targets answers "which relationships point at X" in
/// O(log entries + degree) with no per-instance memory and no heap object per instance.
struct IFCInverseIndex: Sendable {
    /// Target ordinals, ascending; entries with equal targets keep the file order of their sources.
    let targets: [Int32]
    let sources: [Int32]
    let attributes: [UInt8]

    init(targets unsortedTargets: [Int32], sources unsortedSources: [Int32], attributes unsortedAttributes: [UInt8]) {
        // Counting sort by target (stable), with the counts only for the span of targets present.
        let n = unsortedTargets.count
        guard n > 0, let low = unsortedTargets.min(), let high = unsortedTargets.max() else {
            targets = []; sources = []; attributes = []
            return
        }
        let span = Int(high) - Int(low) + 1
        var cursor = [Int32](repeating: 0, count: span + 1)
        for t in unsortedTargets { cursor[Int(t - low) + 1] += 1 }
        for k in 0..<span { cursor[k + 1] += cursor[k] }
        var t = [Int32](repeating: 0, count: n)
        var s = [Int32](repeating: 0, count: n)
        var a = [UInt8](repeating: 0, count: n)
        for k in 0..<n {
            let slot = Int(unsortedTargets[k] - low)
            let at = Int(cursor[slot])
            t[at] = unsortedTargets[k]
            s[at] = unsortedSources[k]
            a[at] = unsortedAttributes[k]
            cursor[slot] += 1
        }
        targets = t
        sources = s
        attributes = a
    }

    @inline(__always) func range(of ordinal: Int) -> Range<Int> {
        guard ordinal >= 0, ordinal <= Int(Int32.max) else { return 0..<0 }
        let key = Int32(ordinal)
        var lo = 0
        var hi = targets.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if targets[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < targets.count, targets[end] == key { end += 1 }
        return lo..<end
    }
}
