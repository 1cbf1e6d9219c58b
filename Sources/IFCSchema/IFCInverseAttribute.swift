/// An INVERSE declaration: `name : SET OF target FOR targetAttribute`.
public struct IFCInverseAttribute: Sendable, Hashable {
    public let name: String
    public let targetEntity: String
    public let targetAttribute: String
    /// Aggregate bound as written, e.g. `SET[0:?]`; empty for a single inverse.
    public let aggregate: String
}
