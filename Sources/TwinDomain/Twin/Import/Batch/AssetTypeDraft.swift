public struct AssetTypeDraft: Sendable, Hashable {
    public var key: String
    public var name: String
    public var kind: AssetKind?
    public var manufacturer: String?
    public var modelNumber: String?
    public var category: String?
    public var description: String?
    public var warrantyMonths: Int?
    public var properties: [String: DocumentValue]
    public var source: SourceReference

    public init(key: String, name: String, kind: AssetKind? = nil, manufacturer: String? = nil,
                modelNumber: String? = nil, category: String? = nil, description: String? = nil,
                warrantyMonths: Int? = nil, properties: [String: DocumentValue] = [:],
                source: SourceReference = SourceReference()) {
        self.key = key
        self.name = name
        self.kind = kind
        self.manufacturer = manufacturer
        self.modelNumber = modelNumber
        self.category = category
        self.description = description
        self.warrantyMonths = warrantyMonths
        self.properties = properties
        self.source = source
    }
}
