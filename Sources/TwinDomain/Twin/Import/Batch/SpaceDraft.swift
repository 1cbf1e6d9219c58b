public struct SpaceDraft: Sendable, Hashable {
    public var key: String
    public var floorKey: String
    public var name: String
    public var longName: String?
    public var description: String?
    public var area: Double?
    public var height: Double?
    public var footprint: Footprint?
    public var box: Box3D?
    public var properties: [String: DocumentValue]
    public var source: SourceReference

    public init(key: String, floorKey: String, name: String, longName: String? = nil, description: String? = nil,
                area: Double? = nil, height: Double? = nil, footprint: Footprint? = nil, box: Box3D? = nil,
                properties: [String: DocumentValue] = [:], source: SourceReference = SourceReference()) {
        self.key = key
        self.floorKey = floorKey
        self.name = name
        self.longName = longName
        self.description = description
        self.area = area
        self.height = height
        self.footprint = footprint
        self.box = box
        self.properties = properties
        self.source = source
    }
}
