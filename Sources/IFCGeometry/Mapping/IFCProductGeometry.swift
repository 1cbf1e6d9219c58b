import IFC

/// What the importer needs per product without touching meshes: identity, spatial container and
/// world bounding box (metres, IFC Z-up axes).
public struct IFCProductGeometry: Sendable, Hashable {
    public var stepID: STEPInstanceID
    public var globalId: String
    public var ifcType: String
    public var name: String?
    /// Direct spatial container (storey, space, building...) by STEP id and GlobalId.
    public var container: STEPInstanceID?
    public var containerGlobalId: String?
    public var bounds: BoundingBox
    public var triangleCount: Int

    public init(stepID: STEPInstanceID, globalId: String, ifcType: String, name: String?, container: STEPInstanceID?,
                containerGlobalId: String?, bounds: BoundingBox, triangleCount: Int) {
        self.stepID = stepID
        self.globalId = globalId
        self.ifcType = ifcType
        self.name = name
        self.container = container
        self.containerGlobalId = containerGlobalId
        self.bounds = bounds
        self.triangleCount = triangleCount
    }
}
