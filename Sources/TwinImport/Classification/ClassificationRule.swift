import TwinDomain

/// One entry of the rules file: when every condition given matches, the object becomes `kind`.
///
/// Conditions left out are ignored; list-valued ones match when any element matches; patterns are
/// regular expressions searched anywhere in the text (anchor them with `^…$` to match whole values;
/// `(?i)` makes them case-insensitive). Rules are tried in file order; the first match wins.
public struct ClassificationRule: Sendable, Hashable, Codable {
    /// Stable name, recorded on each asset as `classifiedBy`.
    public var id: String
    public var kind: AssetKind
    /// IFC entity names; an object matches when its class is one of them or a subtype.
    public var ifcClass: [String]?
    /// IFC entity names the object's type object must be (or subtype), e.g. IFC2X3 `IfcSensorType`.
    public var typeClass: [String]?
    /// PredefinedType values (the occurrence's, else its type's), compared case-insensitively.
    public var predefinedType: [String]?
    /// Pattern on ObjectType (else the type's ElementType).
    public var objectType: String?
    /// Pattern on Name.
    public var name: String?
    /// Pattern on any of Name, ObjectType, the type's name and ElementType, Description.
    public var text: String?
    /// Classification code prefixes, optionally qualified by system: `OmniClass:23-33`, `Uniclass:Pr_60`, `Pr_65`.
    public var classification: [String]?
    /// Pattern on the COBie Component's or Type's Category (the whole cell, e.g. `23-33 15 11: Racks`).
    public var cobieCategory: String?
    /// Property set names the object (or its type) must carry one of, e.g. `Atrium_Rack`.
    public var propertySet: [String]?
    /// What the rule is for (documentation only).
    public var description: String?

    public init(id: String, kind: AssetKind, ifcClass: [String]? = nil, typeClass: [String]? = nil,
                predefinedType: [String]? = nil, objectType: String? = nil, name: String? = nil, text: String? = nil,
                classification: [String]? = nil, cobieCategory: String? = nil, propertySet: [String]? = nil,
                description: String? = nil) {
        self.id = id
        self.kind = kind
        self.ifcClass = ifcClass
        self.typeClass = typeClass
        self.predefinedType = predefinedType
        self.objectType = objectType
        self.name = name
        self.text = text
        self.classification = classification
        self.cobieCategory = cobieCategory
        self.propertySet = propertySet
        self.description = description
    }

    /// Whether the rule states any condition at all (an empty rule would turn every wall into an asset).
    var hasConditions: Bool {
        ifcClass != nil || typeClass != nil || predefinedType != nil || objectType != nil || name != nil || text != nil
            || classification != nil || cobieCategory != nil || propertySet != nil
    }
}
