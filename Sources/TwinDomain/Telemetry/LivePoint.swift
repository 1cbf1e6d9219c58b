import Foundation

/// Where a live point's values belong on the model: what live subscriptions (building, floor,
/// space, or a box in the building's metres) and their filters match readings against.
public struct LivePoint: Sendable, Hashable {
    public var key: Int64
    public var id: UUID
    public var name: String
    public var siteID: UUID
    public var buildingID: UUID?
    public var floorID: UUID?
    public var spaceID: UUID?
    public var assetID: UUID?
    public var assetKind: String?
    public var quantity: String
    /// Canonical unit symbol of the values.
    public var unit: String
    /// The measured asset's anchor (its position, else its box centre), in the building's metres.
    public var position: Point3D?

    public init(key: Int64, id: UUID, name: String, siteID: UUID, buildingID: UUID?, floorID: UUID?, spaceID: UUID?, assetID: UUID?,
                assetKind: String?, quantity: String, unit: String, position: Point3D?) {
        self.key = key
        self.id = id
        self.name = name
        self.siteID = siteID
        self.buildingID = buildingID
        self.floorID = floorID
        self.spaceID = spaceID
        self.assetID = assetID
        self.assetKind = assetKind
        self.quantity = quantity
        self.unit = unit
        self.position = position
    }
}
