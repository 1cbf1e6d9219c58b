import AlarmCore
import Foundation

/// An alarm on one point under one rule, placed where its point is (so it counts on its asset,
/// space, floor, building and site); its life cycle is the ``AlarmRecord``.
public struct Alarm: Sendable, Hashable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    public var buildingID: UUID?
    public var floorID: UUID?
    public var spaceID: UUID?
    public var assetID: UUID?
    public var assetKind: String?
    public var pointID: UUID
    public var ruleID: UUID
    public var quantity: String
    public var record: AlarmRecord
    public var revision: Int64

    public init(id: UUID = UUID(), siteID: UUID, buildingID: UUID?, floorID: UUID?, spaceID: UUID?, assetID: UUID?,
                assetKind: String?, pointID: UUID, ruleID: UUID, quantity: String, record: AlarmRecord, revision: Int64 = 1) {
        self.id = id
        self.siteID = siteID
        self.buildingID = buildingID
        self.floorID = floorID
        self.spaceID = spaceID
        self.assetID = assetID
        self.assetKind = assetKind
        self.pointID = pointID
        self.ruleID = ruleID
        self.quantity = quantity
        self.record = record
        self.revision = revision
    }
}
