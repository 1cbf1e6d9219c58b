import Foundation
import IFC
import IFCGeometry
import TwinDomain

/// Turns an IFC file into per-storey GLB tiles (and, for on-demand requests, the whole scene).
///
/// Reads the file itself rather than sharing the importer's parse: tiles are a separate,
/// optional step whose failure must not fail the import.
public struct StoreyTiler: Sendable {
    public struct Tile: Sendable {
        public var tileKey: String
        public var data: [UInt8]
        public var entry: TileIndex.Entry
    }

    public struct TileSet: Sendable {
        public var tiles: [Tile]
        public var index: TileIndex

        public func indexJSON() throws -> Data { try index.jsonData() }
    }

    public init() {}

    public static func storeyTileKey(_ globalID: String) -> String { "storey/\(globalID)" }

    /// Parses and tessellates the file.
    public func scene(forIFCAt url: URL) async throws -> IFCGeometryResult {
        let model = try IFCModel(contentsOf: url)
        return await IFCGeometryExtractor(model: model).extract()
    }

    public func tiles(forIFCAt url: URL) async throws -> TileSet {
        let model = try IFCModel(contentsOf: url)
        let result = await IFCGeometryExtractor(model: model).extract()
        let storeys = model.instances(of: "IfcBuildingStorey").compactMap { storey in
            model.globalID(of: storey).map { (globalID: $0, name: model.string(storey, "Name")) }
        }
        return tiles(from: result, storeys: storeys)
    }

    /// One tile per storey that holds any product (storeys from the import batch's floors).
    public func tiles(from result: IFCGeometryResult, storeys: [(globalID: String, name: String?)]) -> TileSet {
        var tiles: [Tile] = []
        for (globalID, name) in storeys {
            let selection = SceneSelection.container(globalID)
            var bounds = BoundingBox.empty
            var count = 0
            for product in result.scene.products where selection.matches(product) {
                bounds.formUnion(product.bounds)
                count += 1
            }
            guard count > 0 else { continue }
            let glb = result.glb(selection)
            let key = Self.storeyTileKey(globalID)
            let entry = TileIndex.Entry(tileKey: key, globalID: globalID, name: name,
                                        box: Self.box(bounds), productCount: count, bytes: glb.data.count)
            tiles.append(Tile(tileKey: key, data: glb.data, entry: entry))
        }
        return TileSet(tiles: tiles, index: TileIndex(tiles: tiles.map(\.entry)))
    }

    static func box(_ bounds: BoundingBox) -> Box3D? {
        guard !bounds.isEmpty else { return nil }
        return Box3D(min: Point3D(x: bounds.min.x, y: bounds.min.y, z: bounds.min.z),
                     max: Point3D(x: bounds.max.x, y: bounds.max.y, z: bounds.max.z))
    }

    static func bounds(_ box: Box3D) -> BoundingBox {
        BoundingBox(min: Vec3(box.min.x, box.min.y, box.min.z), max: Vec3(box.max.x, box.max.y, box.max.z))
    }
}
