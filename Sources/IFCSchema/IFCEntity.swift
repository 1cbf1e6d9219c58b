/// An entity declaration with its flattened explicit attributes.
public struct IFCEntity: Sendable {
    /// Index into `IFCSchema.entities` (entities are sorted by name).
    public let index: Int
    /// Schema spelling, e.g. `IfcWallStandardCase`.
    public let name: String
    public let supertype: Int?
    public let isAbstract: Bool
    /// Explicit attributes, inherited first, in STEP argument order.
    public let attributes: [IFCAttribute]
    /// Inverse attributes declared by this entity itself (see `IFCSchema.inverses(of:)` for inherited ones).
    public let ownInverses: [IFCInverseAttribute]
}
