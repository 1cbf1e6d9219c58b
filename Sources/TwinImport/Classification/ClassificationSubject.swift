/// What the rules look at for one IFC product or COBie component, gathered once by the importer.
public struct ClassificationSubject: Sendable, Hashable {
    /// The object's class followed by its supertypes (`IfcSensor`, `IfcDistributionControlElement`, …).
    public var classChain: [String]
    /// The type object's class and supertypes (empty without a type).
    public var typeClassChain: [String]
    public var predefinedType: String?
    public var objectType: String?
    public var name: String?
    public var typeName: String?
    public var description: String?
    /// (system, code) pairs, e.g. ("OmniClass", "23-33 15 11").
    public var classifications: [Classification]
    public var cobieCategory: String?
    public var propertySetNames: Set<String>

    public struct Classification: Sendable, Hashable {
        public var system: String?
        public var code: String

        public init(system: String?, code: String) {
            self.system = system
            self.code = code
        }
    }

    public init(classChain: [String] = [], typeClassChain: [String] = [], predefinedType: String? = nil,
                objectType: String? = nil, name: String? = nil, typeName: String? = nil, description: String? = nil,
                classifications: [Classification] = [], cobieCategory: String? = nil, propertySetNames: Set<String> = []) {
        self.classChain = classChain
        self.typeClassChain = typeClassChain
        self.predefinedType = predefinedType
        self.objectType = objectType
        self.name = name
        self.typeName = typeName
        self.description = description
        self.classifications = classifications
        self.cobieCategory = cobieCategory
        self.propertySetNames = propertySetNames
    }
}
