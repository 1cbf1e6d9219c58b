/// The HEADER section: what the file says about itself.
///
/// Kept as written (strings decoded, no interpretation) so the IFC layer decides what a
/// schema id like `IFC4X3_ADD2` means.
public struct STEPHeader: Sendable, Equatable {
    /// FILE_DESCRIPTION.description (e.g. `ViewDefinition [CoordinationView]`).
    public var description: [String] = []
    /// FILE_DESCRIPTION.implementation_level (e.g. `2;1`).
    public var implementationLevel: String = ""
    public var name: String = ""
    public var timeStamp: String = ""
    public var author: [String] = []
    public var organization: [String] = []
    public var preprocessorVersion: String = ""
    public var originatingSystem: String = ""
    public var authorization: String = ""
    /// FILE_SCHEMA identifiers as written (e.g. `["IFC2X3"]`).
    public var schemaIdentifiers: [String] = []
    /// Every header entity as decoded, including ones not modelled above.
    public var entities: [STEPHeaderEntity] = []

    public init() {}
}
