import Foundation
import TwinDomain

/// The storey tiles of a model version with their boxes, so a viewer loads only what its
/// viewport meets. Stored with the version at import; served per building with tile URLs.
public struct TileIndex: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        /// `storey/<GlobalId>`.
        public var tileKey: String
        public var globalID: String
        public var name: String?
        public var box: Box3D?
        public var productCount: Int
        public var bytes: Int
        /// Set when served: the floor and where its GLB is.
        public var floorID: UUID?
        public var url: String?

        public init(tileKey: String, globalID: String, name: String?, box: Box3D?, productCount: Int, bytes: Int,
                    floorID: UUID? = nil, url: String? = nil) {
            self.tileKey = tileKey
            self.globalID = globalID
            self.name = name
            self.box = box
            self.productCount = productCount
            self.bytes = bytes
            self.floorID = floorID
            self.url = url
        }
    }

    /// Where the index itself is stored among a version's files.
    public static let tileKey = "index"

    public var modelID: UUID?
    public var version: Int?
    public var buildingID: UUID?
    public var tiles: [Entry]

    public init(modelID: UUID? = nil, version: Int? = nil, buildingID: UUID? = nil, tiles: [Entry]) {
        self.modelID = modelID
        self.version = version
        self.buildingID = buildingID
        self.tiles = tiles
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}
