import Foundation

/// A room or area (IfcSpace / COBie Space), e.g. a data hall or an aisle.
public struct Space: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    public var buildingID: UUID
    public var floorID: UUID
    public var name: String
    /// IfcSpace.LongName / COBie Space.Description: what people call the room.
    public var longName: String?
    public var description: String?
    /// Usable floor area, m² (quantity set or footprint).
    public var area: Double?
    public var height: Double?
    public var footprint: Footprint?
    public var box: Box3D?
    public var zoneIDs: [UUID]
    /// Selected property values for listing (full sets are in the BIM document).
    public var properties: [String: DocumentValue]
    public var source: SourceReference
    public var retiredInVersion: Int?
    public var revision: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, siteID: UUID, buildingID: UUID, floorID: UUID, name: String, longName: String? = nil,
                description: String? = nil, area: Double? = nil, height: Double? = nil, footprint: Footprint? = nil,
                box: Box3D? = nil, zoneIDs: [UUID] = [], properties: [String: DocumentValue] = [:],
                source: SourceReference = SourceReference(), retiredInVersion: Int? = nil, revision: Int = 1,
                createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.siteID = siteID
        self.buildingID = buildingID
        self.floorID = floorID
        self.name = name
        self.longName = longName
        self.description = description
        self.area = area
        self.height = height
        self.footprint = footprint
        self.box = box
        self.zoneIDs = zoneIDs
        self.properties = properties
        self.source = source
        self.retiredInVersion = retiredInVersion
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
