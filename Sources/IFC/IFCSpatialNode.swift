import STEP

/// One node of the spatial tree (project, site, building, storey, space, IFC4X3 facility and part kinds).
public struct IFCSpatialNode: Sendable, Equatable {
    public let id: STEPInstanceID
    public let entity: String
    public let globalID: String?
    public let name: String?
    public let longName: String?
    /// Index of the parent node in the array returned by `IFCModel.spatialTree()`, nil for roots.
    public let parent: Int?
    public let depth: Int
}
