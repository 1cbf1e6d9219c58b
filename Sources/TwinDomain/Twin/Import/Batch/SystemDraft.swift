public struct SystemDraft: Sendable, Hashable {
    public var key: String
    public var buildingKey: String?
    public var name: String
    public var category: String?
    public var description: String?
    public var assetKeys: [String]
    public var source: SourceReference

    public init(key: String, buildingKey: String? = nil, name: String, category: String? = nil,
                description: String? = nil, assetKeys: [String] = [], source: SourceReference = SourceReference()) {
        self.key = key
        self.buildingKey = buildingKey
        self.name = name
        self.category = category
        self.description = description
        self.assetKeys = assetKeys
        self.source = source
    }
}
