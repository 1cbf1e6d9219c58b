import Foundation

/// A campus or plot: the root of access scopes and of imported models.
public struct Site: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var description: String?
    public var location: GeoLocation?
    public var source: SourceReference
    /// Bumped on every change; the API's ETag.
    public var revision: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, name: String, description: String? = nil, location: GeoLocation? = nil,
                source: SourceReference = SourceReference(), revision: Int = 1,
                createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.name = name
        self.description = description
        self.location = location
        self.source = source
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
