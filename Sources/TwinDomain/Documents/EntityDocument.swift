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
    /// Classification references (OmniClass, Uniclass, …); empty when the source has none.
    public var classifications: [DocumentValue]
    /// Related entities by role (`container`, `type`, `parent`, `systems`, `zones`).
    public var relations: [String: DocumentValue]

    public init(
        key: ModelVersionKey,
        globalID: String,
        ifcType: String,
        name: String? = nil,
        attributes: [String: DocumentValue] = [:],
        propertySets: [String: [String: DocumentValue]] = [:],
        classifications: [DocumentValue] = [],
        relations: [String: DocumentValue] = [:]
    ) {
        self.key = key
        self.globalID = globalID
        self.ifcType = ifcType
        self.name = name
        self.attributes = attributes
        self.propertySets = propertySets
        self.classifications = classifications
        self.relations = relations
    }

    private enum CodingKeys: String, CodingKey {
        case key, globalID, ifcType, name, attributes, propertySets, classifications, relations
    }

    /// Documents written before classifications and relations existed decode with both empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(ModelVersionKey.self, forKey: .key)
        globalID = try container.decode(String.self, forKey: .globalID)
        ifcType = try container.decode(String.self, forKey: .ifcType)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        attributes = try container.decodeIfPresent([String: DocumentValue].self, forKey: .attributes) ?? [:]
        propertySets = try container.decodeIfPresent([String: [String: DocumentValue]].self, forKey: .propertySets) ?? [:]
        classifications = try container.decodeIfPresent([DocumentValue].self, forKey: .classifications) ?? []
        relations = try container.decodeIfPresent([String: DocumentValue].self, forKey: .relations) ?? [:]
    }
}
