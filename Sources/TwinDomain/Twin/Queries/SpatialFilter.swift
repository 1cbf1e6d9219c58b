import Foundation

/// Narrows a spatial query: the building (required: coordinates are local to it) and kinds.
public struct SpatialFilter: Sendable, Hashable {
    public var buildingID: UUID
    public var kinds: Set<AssetKind>
    public var limit: Int

    public init(buildingID: UUID, kinds: Set<AssetKind> = [], limit: Int = 100) {
        self.buildingID = buildingID
        self.kinds = kinds
        self.limit = Swift.max(1, Swift.min(limit, PageRequest.maximumLimit))
    }
}
