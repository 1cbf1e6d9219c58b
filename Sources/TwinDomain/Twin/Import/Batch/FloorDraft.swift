public struct FloorDraft: Sendable, Hashable {
    public var key: String
    public var buildingKey: String
    public var name: String
    public var description: String?
    public var elevation: Double?
    public var height: Double?
    public var footprint: Footprint?
    public var box: Box3D?
    public var source: SourceReference

    public init(key: String, buildingKey: String, name: String, description: String? = nil, elevation: Double? = nil,
                height: Double? = nil, footprint: Footprint? = nil, box: Box3D? = nil,
                source: SourceReference = SourceReference()) {
        self.key = key
        self.buildingKey = buildingKey
        self.name = name
        self.description = description
        self.elevation = elevation
        self.height = height
        self.footprint = footprint
        self.box = box
        self.source = source
    }
}
