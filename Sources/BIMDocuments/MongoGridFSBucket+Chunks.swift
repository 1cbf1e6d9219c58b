import CMongoc
import Foundation

extension MongoGridFSBucket {
    /// One of the bucket's collections on a checked-out client; the caller destroys it.
    static func collection(_ name: String, in databaseName: String, client: OpaquePointer) throws -> OpaquePointer {
        let collection = databaseName.withCString { db in name.withCString { mongoc_client_get_collection(client, db, $0) } }
        guard let collection else { throw BIMDocumentError.other(code: 0, domain: 0, message: "cannot open collection") }
        return collection
    }

    /// A file record plus a reader that hands its chunks over in order.
    typealias ChunkReader = (_ deliver: (_ offset: Int, _ chunk: Data) throws -> Void) throws -> Void

    /// Reads a file's chunks directly from `<bucket>.chunks` on the blocking thread.
    ///
    /// libmongoc's own download stream opens the chunks cursor without a batch size, so the
    /// server may answer with batches up to its message limit (tens of MB) per download.
    /// Here the batch is about 2 MB whatever the file size, and every chunk is checked for
    /// its sequence number and size so a damaged file is reported, not silently truncated.
    func withChunks<T: Sendable>(
        of id: BSONValue, operation: String, _ body: @escaping @Sendable (_ length: Int, _ read: ChunkReader) throws -> T
    ) async throws -> T {
        let databaseName = database.name
        let filesName = bucketName + ".files"
        let chunksName = bucketName + ".chunks"
        let logger = self.logger
        return try await database.pool.withClient(operation) { client in
            func open(_ name: String) throws -> OpaquePointer { try Self.collection(name, in: databaseName, client: client) }
            let files = try open(filesName)
            defer { mongoc_collection_destroy(files) }
            let filter = try OwnedBSON(["_id": id])
            guard let recordCursor = mongoc_collection_find_with_opts(files, filter.pointer, nil, nil) else { throw BIMDocumentError.notFound }
            guard let record = try MongoCursorReader.all(recordCursor, limit: 1, operation: operation, logger: logger, session: nil).first else {
                throw BIMDocumentError.notFound
            }
            guard let length64 = record["length"]?.int64Value, length64 >= 0, let length = Int(exactly: length64) else {
                throw BIMDocumentError.invalidDocument(field: "length")
            }
            guard let chunkSize64 = record["chunkSize"]?.int64Value, chunkSize64 > 0, let chunkSize = Int(exactly: chunkSize64) else {
                throw BIMDocumentError.invalidDocument(field: "chunkSize")
            }
            let chunks = try open(chunksName)
            defer { mongoc_collection_destroy(chunks) }
            let expectedChunks = (length + chunkSize - 1) / chunkSize
            let reader: ChunkReader = { deliver in
                let chunkFilter = try OwnedBSON(["files_id": id])
                let batch = max(1, (2 << 20) / chunkSize)
                let opts = try OwnedBSON(["sort": ["n": 1], "batchSize": .int32(Int32(clamping: batch))])
                guard let cursor = mongoc_collection_find_with_opts(chunks, chunkFilter.pointer, opts.pointer, nil) else {
                    throw BIMDocumentError.other(code: 0, domain: 0, message: "cannot open cursor")
                }
                var next = 0
                try MongoCursorReader.consume(cursor, operation: operation, logger: logger, session: nil) { chunk in
                    guard next < expectedChunks, chunk["n"]?.int64Value == Int64(next), let data = chunk["data"]?.binaryValue?.data else {
                        throw BIMDocumentError.other(code: 0, domain: Int(MONGOC_ERROR_GRIDFS.rawValue), message: "stored file is corrupt")
                    }
                    let offset = next * chunkSize
                    guard data.count == min(chunkSize, length - offset) else {
                        throw BIMDocumentError.other(code: 0, domain: Int(MONGOC_ERROR_GRIDFS.rawValue), message: "stored file is corrupt")
                    }
                    try deliver(offset, data)
                    next += 1
                    return true
                }
                guard next == expectedChunks else {
                    throw BIMDocumentError.other(code: 0, domain: Int(MONGOC_ERROR_GRIDFS.rawValue), message: "stored file is incomplete")
                }
            }
            return try body(length, reader)
        }
    }
}
