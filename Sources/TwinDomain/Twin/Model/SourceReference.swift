/// Where a twin object came from, so a re-import can find it again and users can trace it.
///
/// Objects created through the API (a server mounted after the model was drawn) have neither.
public struct SourceReference: Sendable, Hashable, Codable {
    /// IFC GlobalId (22 characters), unique within a model.
    public var ifcGlobalID: String?
    /// COBie row name (unique per sheet within a facility).
    public var cobieName: String?
    /// IFC entity type (`IfcUnitaryEquipment`) or COBie sheet (`Component`).
    public var sourceType: String?

    public init(ifcGlobalID: String? = nil, cobieName: String? = nil, sourceType: String? = nil) {
        self.ifcGlobalID = ifcGlobalID
        self.cobieName = cobieName
        self.sourceType = sourceType
    }

    /// The key a model uses to match this object across versions: the GlobalId when there
    /// is one (IFC and most COBie exports carry it), else the COBie name qualified by sheet.
    public var matchKey: String? {
        if let ifcGlobalID, !ifcGlobalID.isEmpty { return ifcGlobalID }
        if let cobieName, !cobieName.isEmpty { return "cobie:\(sourceType ?? "")/\(cobieName)" }
        return nil
    }
}
