/// One IFC product ready for export: which meshes, where, in which material.
/// Meshes are shared by id so mapped items are stored once and instanced.
public struct GeometryProduct: Sendable, Hashable {
    public struct Instance: Sendable, Hashable {
        public var meshID: Int
        /// Mesh coordinates → world (metres, IFC Z-up).
        public var transform: Transform3D
        public var materialID: Int?

        public init(meshID: Int, transform: Transform3D = .identity, materialID: Int? = nil) {
            self.meshID = meshID
            self.transform = transform
            self.materialID = materialID
        }
    }

    public var globalId: String
    public var ifcType: String
    public var name: String?
    public var instances: [Instance]
    /// World bounding box (metres); see `GeometryScene.computeBounds`.
    public var bounds: BoundingBox
    /// GlobalIds of spatial containers (storey, space, building, ...) so scenes
    /// can be cut by storey or space without the IFC model at hand.
    public var containers: [String]

    public init(globalId: String, ifcType: String, name: String? = nil, instances: [Instance],
                bounds: BoundingBox = .empty, containers: [String] = []) {
        self.globalId = globalId
        self.ifcType = ifcType
        self.name = name
        self.instances = instances
        self.bounds = bounds
        self.containers = containers
    }
}
