import Foundation

/// A GridFS file record (`<bucket>.files`).
public struct MongoGridFSFile: Sendable, Equatable {
    public var id: BSONValue
    public var filename: String
    public var length: Int64
    public var chunkSize: Int
    public var uploadDate: Date?
    public var metadata: BSONDocument?

    init(document: BSONDocument) {
        id = document["_id"] ?? .null
        filename = document["filename"]?.stringValue ?? ""
        length = document["length"]?.int64Value ?? 0
        chunkSize = Int(document["chunkSize"]?.int64Value ?? 0)
        uploadDate = document["uploadDate"]?.dateValue
        metadata = document["metadata"]?.documentValue
    }
}
