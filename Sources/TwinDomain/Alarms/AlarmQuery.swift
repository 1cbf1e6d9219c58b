import AlarmCore
import Foundation

/// Filters of `GET /v1/alarms`; every one given must hold.
public struct AlarmQuery: Sendable, Hashable {
    public var siteID: UUID?
    public var buildingID: UUID?
    public var floorID: UUID?
    public var spaceID: UUID?
    public var assetID: UUID?
    public var assetKind: String?
    public var states: Set<AlarmRecord.State>
    public var severities: Set<AlarmSeverity>
    /// Raised at or after / before.
    public var from: Date?
    public var to: Date?
    public var page: PageRequest

    public init(siteID: UUID? = nil, buildingID: UUID? = nil, floorID: UUID? = nil, spaceID: UUID? = nil, assetID: UUID? = nil,
                assetKind: String? = nil, states: Set<AlarmRecord.State> = [], severities: Set<AlarmSeverity> = [],
                from: Date? = nil, to: Date? = nil, page: PageRequest = PageRequest()) {
        self.siteID = siteID
        self.buildingID = buildingID
        self.floorID = floorID
        self.spaceID = spaceID
        self.assetID = assetID
        self.assetKind = assetKind
        self.states = states
        self.severities = severities
        self.from = from
        self.to = to
        self.page = page
    }
}
