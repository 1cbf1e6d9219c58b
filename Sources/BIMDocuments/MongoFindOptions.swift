/// Options for `find`, mapped to the find command's fields.
public struct MongoFindOptions: Sendable {
    public var sort: BSONDocument?
    public var projection: BSONDocument?
    public var limit: Int?
    public var skip: Int?
    /// Documents per server round trip; does not limit the total.
    public var batchSize: Int?
    /// Server-side time limit for the query.
    public var maxTime: Duration?

    public init(
        sort: BSONDocument? = nil,
        projection: BSONDocument? = nil,
        limit: Int? = nil,
        skip: Int? = nil,
        batchSize: Int? = nil,
        maxTime: Duration? = nil
    ) {
        self.sort = sort
        self.projection = projection
        self.limit = limit
        self.skip = skip
        self.batchSize = batchSize
        self.maxTime = maxTime
    }

    var document: BSONDocument {
        var options = BSONDocument()
        if let sort { options["sort"] = .document(sort) }
        if let projection { options["projection"] = .document(projection) }
        if let limit { options["limit"] = .int64(Int64(limit)) }
        if let skip { options["skip"] = .int64(Int64(skip)) }
        if let batchSize { options["batchSize"] = .int32(Int32(clamping: batchSize)) }
        if let maxTime { options["maxTimeMS"] = .int64(Int64(maxTime.clampedMilliseconds)) }
        return options
    }
}
