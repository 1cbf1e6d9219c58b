extension STEPFile {
    /// Instances are also numbered 0..<instanceCount in file order ("ordinals"), so callers
    /// can keep per-instance data in flat arrays without building their own id map: the
    /// reader already has one.

    /// The ordinal (file-order position) of `id`.
    public func ordinal(of id: STEPInstanceID) -> Int? { storage.slot(of: id.rawValue) }

    /// The id at `ordinal` (0..<instanceCount).
    public func instanceID(atOrdinal ordinal: Int) -> STEPInstanceID { STEPInstanceID(storage.ids[ordinal]) }

    /// Raw `#id` numbers in file order (a fresh array: the index keeps them narrower).
    public var instanceIDNumbers: [Int] { storage.ids.toArray() }

    /// Type code of the instance at `ordinal`.
    public func typeCode(atOrdinal ordinal: Int) -> Int {
        Int(storage.typeCodes[ordinal] & ~STEPIndexer.complexFlag)
    }

    /// Ordinals of the instances whose type code `c` has `wanted[c] == true`, ascending: one
    /// pass over the 2-byte type column, for callers that select many types at once.
    public func ordinals(ofTypeCodes wanted: [Bool]) -> [Int] {
        var result: [Int] = []
        let codes = storage.typeCodes
        for k in 0..<codes.count {
            let c = Int(codes[k] & ~STEPIndexer.complexFlag)
            if c < wanted.count, wanted[c] { result.append(k) }
        }
        return result
    }

    /// Decoded arguments of the instance at `ordinal`.
    public func arguments(atOrdinal ordinal: Int) -> STEPArguments {
        storage.decodeArguments(slot: ordinal, id: storage.ids[ordinal])
    }
}
