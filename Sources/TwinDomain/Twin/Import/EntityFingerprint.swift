/// Hashes of one source entity's facets in one model version; comparing two versions'
/// fingerprints by `matchKey` gives the diff without reloading the documents.
public struct EntityFingerprint: Sendable, Hashable, Codable {
    /// GlobalId, or `cobie:<Sheet>/<Name>` (see ``SourceReference/matchKey``).
    public var matchKey: String
    public var entityType: String
    public var name: String?
    /// Hex digests (any stable hash, e.g. SHA-256 truncated to 16 bytes) per facet; nil = facet absent.
    public var attributesHash: String?
    public var propertySetsHash: String?
    public var placementHash: String?
    public var geometryHash: String?

    public init(matchKey: String, entityType: String, name: String? = nil, attributesHash: String? = nil,
                propertySetsHash: String? = nil, placementHash: String? = nil, geometryHash: String? = nil) {
        self.matchKey = matchKey
        self.entityType = entityType
        self.name = name
        self.attributesHash = attributesHash
        self.propertySetsHash = propertySetsHash
        self.placementHash = placementHash
        self.geometryHash = geometryHash
    }

    /// Which facets differ from `other` (same entity in another version).
    public func changedAspects(comparedTo other: EntityFingerprint) -> Set<DiffAspect> {
        var aspects = Set<DiffAspect>()
        if attributesHash != other.attributesHash || name != other.name || entityType != other.entityType {
            aspects.insert(.attributes)
        }
        if propertySetsHash != other.propertySetsHash { aspects.insert(.propertySets) }
        if placementHash != other.placementHash { aspects.insert(.placement) }
        if geometryHash != other.geometryHash { aspects.insert(.geometry) }
        return aspects
    }
}
