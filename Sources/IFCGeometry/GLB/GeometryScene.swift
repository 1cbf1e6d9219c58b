/// Everything the GLB writer needs: shared meshes, materials and products.
public struct GeometryScene: Sendable {
    public var meshes: [Int: Mesh]
    public var materials: [Int: GLBMaterial]
    public var products: [GeometryProduct]

    public init(meshes: [Int: Mesh] = [:], materials: [Int: GLBMaterial] = [:], products: [GeometryProduct] = []) {
        self.meshes = meshes
        self.materials = materials
        self.products = products
    }

    /// Exact world bounds of a product (every transformed vertex).
    public func bounds(of product: GeometryProduct) -> BoundingBox {
        var box = BoundingBox.empty
        for inst in product.instances {
            guard let mesh = meshes[inst.meshID] else { continue }
            if inst.transform.isIdentity {
                box.formUnion(mesh.bounds)
                continue
            }
            for i in 0..<mesh.vertexCount { box.include(inst.transform.apply(mesh.position(i))) }
        }
        return box
    }

    /// Fills `bounds` of every product.
    public mutating func computeBounds() {
        for i in products.indices { products[i].bounds = bounds(of: products[i]) }
    }
}
