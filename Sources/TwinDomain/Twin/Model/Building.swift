import Foundation

/// One building of a site; a grant on it covers everything inside.
public struct Building: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    /// The model this building was imported from, if any.
    public var modelID: UUID?
    public var name: String
    public var description: String?
    /// Elevation of the building's reference level, metres.
    public var elevation: Double?
    public var box: Box3D?
    public var source: SourceReference
    /// Set when a later model version no longer contains it; the row stays so links survive.
    public var retiredInVersion: Int?
    public var revision: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, siteID: UUID, modelID: UUID? = nil, name: String, description: String? = nil,
                elevation: Double? = nil, box: Box3D? = nil, source: SourceReference = SourceReference(),
                retiredInVersion: Int? = nil, revision: Int = 1, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.siteID = siteID
        self.modelID = modelID
        self.name = name
        self.description = description
        self.elevation = elevation
        self.box = box
        self.source = source
        self.retiredInVersion = retiredInVersion
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
