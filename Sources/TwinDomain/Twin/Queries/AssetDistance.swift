/// An asset found by a spatial query and its distance (metres) from the query point, when there is one.
public struct AssetDistance: Sendable, Hashable {
    public var asset: Asset
    public var distance: Double?

    public init(asset: Asset, distance: Double? = nil) {
        self.asset = asset
        self.distance = distance
    }
}
