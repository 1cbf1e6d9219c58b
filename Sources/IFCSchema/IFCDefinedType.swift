/// A defined type (`TYPE IfcLabel = STRING`) with the coarse kind of what it wraps.
public struct IFCDefinedType: Sendable, Hashable {
    public let name: String
    public let kind: IFCAttributeKind
    public let aggregateDepth: Int
    public let underlying: String
}
