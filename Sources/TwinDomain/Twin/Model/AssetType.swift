import Foundation

/// A product type (IfcTypeObject / COBie Type): make, model and nominal ratings shared by assets.
public struct AssetType: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    public var name: String
    public var kind: AssetKind?
    public var manufacturer: String?
    public var modelNumber: String?
    public var category: String?
    public var description: String?
    /// Warranty length in months from installation (COBie Type.WarrantyDurationParts).
    public var warrantyMonths: Int?
    public var properties: [String: DocumentValue]
    public var source: SourceReference
    public var retiredInVersion: Int?
    public var revision: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, siteID: UUID, name: String, kind: AssetKind? = nil, manufacturer: String? = nil,
                modelNumber: String? = nil, category: String? = nil, description: String? = nil,
                warrantyMonths: Int? = nil, properties: [String: DocumentValue] = [:],
                source: SourceReference = SourceReference(), retiredInVersion: Int? = nil, revision: Int = 1,
                createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.siteID = siteID
        self.name = name
        self.kind = kind
        self.manufacturer = manufacturer
        self.modelNumber = modelNumber
        self.category = category
        self.description = description
        self.warrantyMonths = warrantyMonths
        self.properties = properties
        self.source = source
        self.retiredInVersion = retiredInVersion
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
