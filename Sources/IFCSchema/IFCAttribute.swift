/// One explicit attribute of an entity, at its position in the flattened (inherited-first) list.
public struct IFCAttribute: Sendable, Hashable {
    public let name: String
    /// Kind of the innermost element type when `aggregateDepth > 0`.
    public let kind: IFCAttributeKind
    /// 0 for a single value, 1 for LIST/SET OF …, 2 for LIST OF LIST OF …
    public let aggregateDepth: Int
    /// Named type (entity, select, enum, defined type) or the simple type keyword (REAL, STRING…).
    public let typeName: String
    public let isOptional: Bool
    /// Redeclared as DERIVE in this entity: STEP writes `*` at this position.
    public let isDerived: Bool
}
