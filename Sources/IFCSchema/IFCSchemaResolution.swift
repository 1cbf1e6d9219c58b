/// The schema chosen for a FILE_SCHEMA identifier, with a warning when it is only the nearest match.
public struct IFCSchemaResolution: Sendable {
    public let schema: IFCSchema
    /// Set when the identifier is not one of the three target schemas (release candidates, IFC4X1, IFC2X…).
    public let warning: String?
}
