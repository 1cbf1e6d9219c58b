/// One entity of the HEADER section, e.g. `FILE_NAME(...)`.
public struct STEPHeaderEntity: Sendable, Equatable {
    public let typeName: String
    public let arguments: [STEPValue]
}
