/// One entity in a diff: added, removed, or changed in the listed aspects.
public struct DiffEntry: Sendable, Hashable, Codable {
    public var matchKey: String
    public var entityType: String
    public var name: String?
    /// Empty for added/removed entries.
    public var aspects: [DiffAspect]

    public init(matchKey: String, entityType: String, name: String? = nil, aspects: [DiffAspect] = []) {
        self.matchKey = matchKey
        self.entityType = entityType
        self.name = name
        self.aspects = aspects
    }
}
