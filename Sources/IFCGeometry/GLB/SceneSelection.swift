/// Which products go into a GLB: whole model, a storey or space (by container
/// GlobalId), explicit products, or products whose bounds meet a box.
public enum SceneSelection: Sendable {
    case all
    case products(Set<String>)
    /// Storey, space, building... matched against `GeometryProduct.containers`.
    case container(String)
    case boundingBox(BoundingBox)
    case predicate(@Sendable (GeometryProduct) -> Bool)

    public func matches(_ p: GeometryProduct) -> Bool {
        switch self {
        case .all: return true
        case .products(let ids): return ids.contains(p.globalId)
        case .container(let id): return p.containers.contains(id)
        case .boundingBox(let box): return p.bounds.intersects(box)
        case .predicate(let f): return f(p)
        }
    }
}
