/// Compressed sparse rows: referenced instance ordinal → (referencing instance ordinal, attribute index).
///
/// Why CSR: two flat arrays answer "which relationships point at X through attribute A" in O(degree)
/// with no per-instance heap object, which matters for 450k-instance models.
struct IFCInverseIndex: Sendable {
    /// `offsets[o]..<offsets[o+1]` are the entries for target ordinal `o`.
    let offsets: [Int32]
    let sources: [Int32]
    let attributes: [UInt8]

    init(count: Int, targets: [Int32], sources unsortedSources: [Int32], attributes unsortedAttributes: [UInt8]) {
        var counts = [Int32](repeating: 0, count: count + 1)
        for t in targets { counts[Int(t) + 1] += 1 }
        for k in 0..<count { counts[k + 1] += counts[k] }
        var cursor = counts
        var s = [Int32](repeating: 0, count: targets.count)
        var a = [UInt8](repeating: 0, count: targets.count)
        // Stable: entries keep the file order of the referencing instances.
        for k in 0..<targets.count {
            let t = Int(targets[k])
            let at = Int(cursor[t])
            s[at] = unsortedSources[k]
            a[at] = unsortedAttributes[k]
            cursor[t] += 1
        }
        offsets = counts
        sources = s
        attributes = a
    }

    @inline(__always) func range(of ordinal: Int) -> Range<Int> {
        guard ordinal >= 0, ordinal + 1 < offsets.count else { return 0..<0 }
        return Int(offsets[ordinal])..<Int(offsets[ordinal + 1])
    }
}
