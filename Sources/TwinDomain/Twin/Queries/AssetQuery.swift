import Foundation

/// Filters for listing assets; all optional and combined with AND.
public struct AssetQuery: Sendable, Hashable {
    public var siteID: UUID?
    public var buildingID: UUID?
    public var floorID: UUID?
    public var spaceID: UUID?
    public var systemID: UUID?
    public var typeID: UUID?
    public var parentID: UUID?
    public var kinds: Set<AssetKind>
    /// Case-insensitive substring of name, tag, serial number, IFC GlobalId or COBie name.
    public var text: String?
    /// Any of these IFC GlobalIds (exact), when not empty.
    public var globalIDs: [String] = []
    /// Any of these COBie component names (exact), when not empty.
    public var cobieNames: [String] = []
    /// Include assets a later model version no longer contains.
    public var includeRetired: Bool
    public var page: PageRequest

    public init(siteID: UUID? = nil, buildingID: UUID? = nil, floorID: UUID? = nil, spaceID: UUID? = nil,
                systemID: UUID? = nil, typeID: UUID? = nil, parentID: UUID? = nil, kinds: Set<AssetKind> = [],
                text: String? = nil, includeRetired: Bool = false, page: PageRequest = PageRequest()) {
        self.siteID = siteID
        self.buildingID = buildingID
        self.floorID = floorID
        self.spaceID = spaceID
        self.systemID = systemID
        self.typeID = typeID
        self.parentID = parentID
        self.kinds = kinds
        self.text = text
        self.includeRetired = includeRetired
        self.page = page
    }
}
