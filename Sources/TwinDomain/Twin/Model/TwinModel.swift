import Foundation

/// One imported source stream (an IFC project or a COBie facility) whose versions replace
/// each other; re-imports of the same project land here as new versions.
public struct TwinModel: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    public var name: String
    public var format: ImportFormat
    /// IfcProject GlobalId, or the COBie facility name: how a re-import finds its model.
    public var projectKey: String
    /// The version users see; nil only while the first import is running.
    public var activeVersion: Int?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, siteID: UUID, name: String, format: ImportFormat, projectKey: String,
                activeVersion: Int? = nil, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.siteID = siteID
        self.name = name
        self.format = format
        self.projectKey = projectKey
        self.activeVersion = activeVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
