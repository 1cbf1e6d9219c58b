/// The full, schemaless record of one IFC entity in one model version.
///
/// The relational store keeps what is queried spatially; this document keeps everything
/// else (all attributes, property sets) so nothing from the source file is lost.
public struct EntityDocument: Sendable, Hashable, Codable {
    public var key: ModelVersionKey
    /// IFC GlobalId (22-character base64), unique within a model version.
    public var globalID: String
    /// Entity type, e.g. `IfcWall`.
    public var ifcType: String
    public var name: String?
    public var attributes: [String: DocumentValue]
    /// Property set name → property name → value.
    public var propertySets: [String: [String: DocumentValue]]

    public init(
        key: ModelVersionKey,
        globalID: String,
        ifcType: String,
        name: String? = nil,
        attributes: [String: DocumentValue] = [:],
        propertySets: [String: [String: DocumentValue]] = [:]
    ) {
        self.key = key
        self.globalID = globalID
        self.ifcType = ifcType
        self.name = name
        self.attributes = attributes
        self.propertySets = propertySets
    }
}
