/// The inverse index's entries in the order they were collected: by referencing instance, then by
/// attribute position and list order. Binary search instead of an offsets array keyed by every
/// instance, which saves 4 bytes per instance in the file.
struct IFCForwardIndex: Sendable {
    /// Referencing instance ordinals, ascending (collected in file order).
    let sources: [Int32]
    let targets: [Int32]
    let attributes: [UInt8]

    func range(of ordinal: Int) -> Range<Int> {
        let key = Int32(truncatingIfNeeded: ordinal)
        var lo = 0
        var hi = sources.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sources[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < sources.count, sources[end] == key { end += 1 }
        return lo..<end
    }
}
