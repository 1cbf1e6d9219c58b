/// One BIM document as the importer produces it, before the pipeline knows which model
/// version it belongs to; ``document(in:)`` adds the key.
///
/// Streamed in chunks so a large model's documents never sit in memory all at once.
public struct EntityDocumentDraft: Sendable, Hashable {
    /// IFC GlobalId, or the COBie row's match key (`cobie:<Sheet>/<Name>`) when it has none.
    public var globalID: String
    /// `IfcWall`, or `COBie.Component` for COBie rows.
    public var ifcType: String
    public var name: String?
    public var attributes: [String: DocumentValue]
    /// Property set name → property name → value (typed values: `{"value":…,"type":…,"unit":…}`).
    public var propertySets: [String: [String: DocumentValue]]
    /// Classification references (`{"system":"OmniClass","code":"23-33 …","name":…}`).
    public var classifications: [DocumentValue]
    /// Related entities by role (`container`, `type`, `parent`, `systems`, `zones`) as `{"ref": GlobalId}` values.
    public var relations: [String: DocumentValue]

    public init(globalID: String, ifcType: String, name: String? = nil, attributes: [String: DocumentValue] = [:],
                propertySets: [String: [String: DocumentValue]] = [:], classifications: [DocumentValue] = [],
                relations: [String: DocumentValue] = [:]) {
        self.globalID = globalID
        self.ifcType = ifcType
        self.name = name
        self.attributes = attributes
        self.propertySets = propertySets
        self.classifications = classifications
        self.relations = relations
    }

    /// The stored document for one model version.
    public func document(in key: ModelVersionKey) -> EntityDocument {
        EntityDocument(key: key, globalID: globalID, ifcType: ifcType, name: name, attributes: attributes,
                       propertySets: propertySets, classifications: classifications, relations: relations)
    }
}
