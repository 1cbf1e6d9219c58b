public struct ZoneDraft: Sendable, Hashable {
    public var key: String
    /// The building whose spaces it groups (zones spanning buildings take the first).
    public var buildingKey: String
    public var name: String
    public var category: String?
    public var description: String?
    public var spaceKeys: [String]
    public var source: SourceReference

    public init(key: String, buildingKey: String, name: String, category: String? = nil, description: String? = nil,
                spaceKeys: [String] = [], source: SourceReference = SourceReference()) {
        self.key = key
        self.buildingKey = buildingKey
        self.name = name
        self.category = category
        self.description = description
        self.spaceKeys = spaceKeys
        self.source = source
    }
}
