import Foundation

/// Units of a rack held for equipment on its way (a purchase order, a migration), until `expiresAt`.
public struct RackReservation: Sendable, Hashable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    public var buildingID: UUID?
    public var rackID: UUID
    public var uPosition: Int
    public var uHeight: Int
    public var note: String?
    public var expiresAt: Date
    public var createdBy: String
    public var createdAt: Date

    public init(id: UUID = UUID(), siteID: UUID, buildingID: UUID?, rackID: UUID, uPosition: Int, uHeight: Int, note: String? = nil,
                expiresAt: Date, createdBy: String, createdAt: Date = Date()) {
        self.id = id
        self.siteID = siteID
        self.buildingID = buildingID
        self.rackID = rackID
        self.uPosition = uPosition
        self.uHeight = uHeight
        self.note = note
        self.expiresAt = expiresAt
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}
