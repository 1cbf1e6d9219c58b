import Foundation
import TelemetryCore

/// Filters of `GET /v1/points`.
public struct PointQuery: Sendable, Hashable {
    public var siteID: UUID?
    public var assetID: UUID?
    public var spaceID: UUID?
    public var floorID: UUID?
    public var quantity: Quantity?
    public var includeRetired: Bool
    public var page: PageRequest

    public init(siteID: UUID? = nil, assetID: UUID? = nil, spaceID: UUID? = nil, floorID: UUID? = nil, quantity: Quantity? = nil,
                includeRetired: Bool = false, page: PageRequest = PageRequest()) {
        self.siteID = siteID
        self.assetID = assetID
        self.spaceID = spaceID
        self.floorID = floorID
        self.quantity = quantity
        self.includeRetired = includeRetired
        self.page = page
    }
}
