/// The site a batch describes (IfcSite / COBie Facility's site fields).
public struct SiteDraft: Sendable, Hashable {
    public var key: String
    public var name: String
    public var description: String?
    public var location: GeoLocation?
    public var source: SourceReference

    public init(key: String, name: String, description: String? = nil, location: GeoLocation? = nil,
                source: SourceReference = SourceReference()) {
        self.key = key
        self.name = name
        self.description = description
        self.location = location
        self.source = source
    }
}
