import Foundation

/// A group of spaces (IfcZone / COBie Zone), e.g. a hot aisle or a fire compartment.
public struct Zone: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    public var buildingID: UUID
    public var name: String
    public var category: String?
    public var description: String?
    public var spaceIDs: [UUID]
    public var source: SourceReference
    public var retiredInVersion: Int?
    public var revision: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, siteID: UUID, buildingID: UUID, name: String, category: String? = nil,
                description: String? = nil, spaceIDs: [UUID] = [], source: SourceReference = SourceReference(),
                retiredInVersion: Int? = nil, revision: Int = 1, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.siteID = siteID
        self.buildingID = buildingID
        self.name = name
        self.category = category
        self.description = description
        self.spaceIDs = spaceIDs
        self.source = source
        self.retiredInVersion = retiredInVersion
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
