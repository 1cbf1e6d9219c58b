/// Totals of a bulk write, as the server reported them.
public struct MongoBulkWriteResult: Sendable, Equatable {
    public var insertedCount: Int
    public var matchedCount: Int
    public var modifiedCount: Int
    public var deletedCount: Int
    public var upsertedCount: Int

    init(reply: BSONDocument?) {
        func count(_ key: String) -> Int { Int(reply?[key]?.int64Value ?? 0) }
        insertedCount = count("nInserted")
        matchedCount = count("nMatched")
        modifiedCount = count("nModified")
        deletedCount = count("nRemoved")
        upsertedCount = count("nUpserted")
    }
}
