/// One `TYPE(args)` part of a complex instance.
public struct STEPComplexPart: Sendable, Equatable {
    public let typeName: String
    public let arguments: [STEPValue]
}
