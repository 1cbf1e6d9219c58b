import Foundation

/// A building's floors, their spaces, and the assets in each (racks with their devices),
/// as one nested value for tree views.
public struct BuildingTree: Sendable, Hashable {
    public struct SpaceNode: Sendable, Hashable {
        public var space: Space
        public var assets: [AssetNode]
        public init(space: Space, assets: [AssetNode]) {
            self.space = space
            self.assets = assets
        }
    }

    public struct FloorNode: Sendable, Hashable {
        public var floor: Floor
        public var spaces: [SpaceNode]
        /// Assets on the floor but in no space.
        public var assets: [AssetNode]
        public init(floor: Floor, spaces: [SpaceNode], assets: [AssetNode]) {
            self.floor = floor
            self.spaces = spaces
            self.assets = assets
        }
    }

    public struct AssetNode: Sendable, Hashable {
        public var asset: Asset
        public var children: [AssetNode]
        public init(asset: Asset, children: [AssetNode] = []) {
            self.asset = asset
            self.children = children
        }
    }

    public var building: Building
    public var floors: [FloorNode]
    /// Assets in the building but on no floor.
    public var assets: [AssetNode]

    public init(building: Building, floors: [FloorNode], assets: [AssetNode] = []) {
        self.building = building
        self.floors = floors
        self.assets = assets
    }
}
