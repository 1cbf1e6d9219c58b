/// Geometry of a whole IFC model: the GLB-ready scene plus per-product summaries.
public struct IFCGeometryResult: Sendable {
    /// Shared meshes, materials and one `GeometryProduct` per product with geometry.
    public var scene: GeometryScene
    /// The products of `scene.products` (same order), then products whose only shape is an alignment
    /// axis: those have a box but no triangles (`triangleCount` 0) and no node in the GLB.
    public var products: [IFCProductGeometry]
    /// Products that had a representation but produced no geometry (GlobalIds).
    public var skipped: [String]
    /// Problems met while mapping and tessellating (capped; each carries the STEP id when known).
    public var diagnostics: [GeometryDiagnostic]

    public init(scene: GeometryScene, products: [IFCProductGeometry], skipped: [String], diagnostics: [GeometryDiagnostic]) {
        self.scene = scene
        self.products = products
        self.skipped = skipped
        self.diagnostics = diagnostics
    }

    /// World bounding box per GlobalId (metres), e.g. for PostGIS boxes.
    public func boundingBoxes() -> [String: BoundingBox] {
        var out: [String: BoundingBox] = [:]
        out.reserveCapacity(products.count)
        for p in products where !p.bounds.isEmpty { out[p.globalId] = p.bounds }
        return out
    }

    /// Triangles of every product instance (what a viewer draws for `.all`).
    public var triangleCount: Int { products.reduce(0) { $0 + $1.triangleCount } }

    /// GLB of the selected products (all, a storey/space GlobalId, explicit GlobalIds or a box).
    public func glb(_ selection: SceneSelection = .all, options: GLBOptions = .init()) -> GLBWriter.Output {
        GLBWriter(options: options).write(scene, selection: selection)
    }
}
