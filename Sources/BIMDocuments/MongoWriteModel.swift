/// One operation of a bulk write.
public enum MongoWriteModel: Sendable, Equatable {
    case insertOne(BSONDocument)
    case updateOne(filter: BSONDocument, update: BSONDocument, upsert: Bool)
    case updateMany(filter: BSONDocument, update: BSONDocument, upsert: Bool)
    case replaceOne(filter: BSONDocument, replacement: BSONDocument, upsert: Bool)
    case deleteOne(filter: BSONDocument)
    case deleteMany(filter: BSONDocument)
}
