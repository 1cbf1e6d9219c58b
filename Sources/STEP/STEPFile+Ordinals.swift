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

    /// Decoded arguments of the instance at `ordinal`.
    public func arguments(atOrdinal ordinal: Int) -> STEPArguments {
        storage.decodeArguments(slot: ordinal, id: storage.ids[ordinal])
    }
}
