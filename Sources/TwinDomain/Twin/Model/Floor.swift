import Foundation

/// A storey (IfcBuildingStorey / COBie Floor).
public struct Floor: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    public var buildingID: UUID
    public var name: String
    public var description: String?
    /// Storey elevation, metres (IfcBuildingStorey.Elevation scaled).
    public var elevation: Double?
    /// Storey height if known (COBie Floor.Height or derived), metres.
    public var height: Double?
    /// Union of its spaces' footprints, or the storey's own outline.
    public var footprint: Footprint?
    public var box: Box3D?
    public var source: SourceReference
    public var retiredInVersion: Int?
    public var revision: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, siteID: UUID, buildingID: UUID, name: String, description: String? = nil,
                elevation: Double? = nil, height: Double? = nil, footprint: Footprint? = nil, box: Box3D? = nil,
                source: SourceReference = SourceReference(), retiredInVersion: Int? = nil, revision: Int = 1,
                createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.siteID = siteID
        self.buildingID = buildingID
        self.name = name
        self.description = description
        self.elevation = elevation
        self.height = height
        self.footprint = footprint
        self.box = box
        self.source = source
        self.retiredInVersion = retiredInVersion
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
