public struct BuildingDraft: Sendable, Hashable {
    public var key: String
    public var name: String
    public var description: String?
    public var elevation: Double?
    public var box: Box3D?
    public var source: SourceReference

    public init(key: String, name: String, description: String? = nil, elevation: Double? = nil, box: Box3D? = nil,
                source: SourceReference = SourceReference()) {
        self.key = key
        self.name = name
        self.description = description
        self.elevation = elevation
        self.box = box
        self.source = source
    }
}
