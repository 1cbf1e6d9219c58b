/// An index to create; `name` identifies it, so re-creating by name is a no-op.
public struct MongoIndex: Sendable, Equatable {
    /// Ordered key spec, e.g. `["modelId": 1, "globalId": 1]` or `["footprint": "2dsphere"]`.
    public var keys: BSONDocument
    public var name: String
    public var unique: Bool
    /// Only documents matching this filter are indexed (and constrained, if unique).
    public var partialFilter: BSONDocument?
    /// Extra index options passed through as given (e.g. `expireAfterSeconds`, `2dsphereIndexVersion`).
    public var options: BSONDocument

    public init(
        keys: BSONDocument,
        name: String,
        unique: Bool = false,
        partialFilter: BSONDocument? = nil,
        options: BSONDocument = [:]
    ) {
        self.keys = keys
        self.name = name
        self.unique = unique
        self.partialFilter = partialFilter
        self.options = options
    }

    var specification: BSONDocument {
        var spec: BSONDocument = ["key": .document(keys), "name": .string(name)]
        if unique { spec["unique"] = true }
        if let partialFilter { spec["partialFilterExpression"] = .document(partialFilter) }
        for (key, value) in options.elements { spec[key] = value }
        return spec
    }
}
