import CMongoc
import Foundation

extension MongoGridFSBucket {
    /// Chunk bytes sent per `insertMany` round trip while uploading.
    static let uploadBatchBytes = 8 << 20

    /// Stores `data` as a new file and returns its id.
    @discardableResult
    public func upload(
        _ data: Data, filename: String, metadata: BSONDocument? = nil, id: BSONValue = .objectID(BSONObjectID())
    ) async throws -> BSONValue {
        let chunkSize = self.chunkSize
        try await writeFile(id: id, filename: filename, metadata: metadata) {
            var offset = data.startIndex
            return {
                guard offset < data.endIndex else { return nil }
                let end = data.index(offset, offsetBy: chunkSize, limitedBy: data.endIndex) ?? data.endIndex
                defer { offset = end }
                return Data(data[offset..<end])
            }
        }
        return id
    }

    /// Stores the file at `url`, read one chunk at a time, and returns its id.
    @discardableResult
    public func upload(
        contentsOf url: URL, filename: String, metadata: BSONDocument? = nil, id: BSONValue = .objectID(BSONObjectID())
    ) async throws -> BSONValue {
        let path = url.path
        let chunkSize = self.chunkSize
        try await writeFile(id: id, filename: filename, metadata: metadata) {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw BIMDocumentError.notFound }
            return {
                let piece = try handle.read(upToCount: chunkSize) ?? Data()
                if piece.isEmpty { try? handle.close() }
                return piece.isEmpty ? nil : piece
            }
        }
        return id
    }

    /// Writes chunks in batched inserts, then the files record, following the GridFS layout
    /// (`<bucket>.chunks` {files_id, n, data}; `<bucket>.files` {length, chunkSize, uploadDate,
    /// filename, metadata}).
    ///
    /// libmongoc's upload stream inserts one chunk per round trip and read its source 512 bytes
    /// at a time; against the document server that made a 100 MB original take ~40 s. Here a
    /// round trip carries `uploadBatchBytes`. The record is written last, so a reader never sees
    /// a file whose chunks are still arriving; on failure the chunks written so far are removed.
    ///
    /// `makeReader` runs on the blocking thread and returns the next chunk's bytes, or nil at the end.
    func writeFile(
        id: BSONValue, filename: String, metadata: BSONDocument?,
        makeReader: @escaping @Sendable () throws -> () throws -> Data?
    ) async throws {
        let databaseName = database.name
        let filesName = bucketName + ".files"
        let chunksName = bucketName + ".chunks"
        let chunkSize = self.chunkSize
        let logger = self.logger
        try await database.pool.withClient("gridfs.upload") { client in
            func open(_ name: String) throws -> OpaquePointer { try Self.collection(name, in: databaseName, client: client) }
            let chunks = try open(chunksName)
            defer { mongoc_collection_destroy(chunks) }
            let files = try open(filesName)
            defer { mongoc_collection_destroy(files) }

            func insert(_ documents: [OwnedBSON], into collection: OpaquePointer) throws {
                var pointers: [OpaquePointer?] = documents.map(\.pointer)
                let reply = BSONReplyStorage()
                var error = bson_error_t()
                let ok = pointers.withUnsafeMutableBufferPointer { buffer in
                    mongoc_collection_insert_many(collection, buffer.baseAddress, buffer.count, nil, reply.pointer, &error)
                }
                withExtendedLifetime(documents) {}
                guard ok else {
                    throw MongoOperationRunner.failure(error, reply: reply.document(), operation: "gridfs.upload", logger: logger, session: nil)
                }
            }

            var length = 0
            var written = 0
            var chunkIDs: [BSONValue] = []
            do {
                let next = try makeReader()
                var batch: [OwnedBSON] = []
                var batchBytes = 0
                // Bounded by the source: every pass consumes at least one byte or ends.
                while let piece = try next() {
                    guard written < Int(Int32.max) else { throw BIMDocumentError.other(code: 0, domain: 0, message: "file too large") }
                    let chunkID = BSONValue.objectID(BSONObjectID())
                    chunkIDs.append(chunkID)
                    batch.append(try OwnedBSON([
                        "_id": chunkID,
                        "files_id": id,
                        "n": .int32(Int32(written)),
                        "data": .binary(BSONBinary(data: piece)),
                    ]))
                    written += 1
                    length += piece.count
                    batchBytes += piece.count
                    if batchBytes >= Self.uploadBatchBytes {
                        try insert(batch, into: chunks)
                        batch.removeAll(keepingCapacity: true)
                        batchBytes = 0
                    }
                }
                if !batch.isEmpty { try insert(batch, into: chunks) }
                var record: BSONDocument = [
                    "_id": id,
                    "length": .int64(Int64(length)),
                    "chunkSize": .int32(Int32(chunkSize)),
                    "uploadDate": .dateTime(BSONDateTime(Date())),
                    "filename": .string(filename),
                ]
                if let metadata { record["metadata"] = .document(metadata) }
                try insert([try OwnedBSON(record)], into: files)
            } catch {
                // By chunk id, not files_id: a clash with an existing file must not delete its chunks.
                if !chunkIDs.isEmpty, let filter = try? OwnedBSON(["_id": ["$in": .array(chunkIDs)]]) {
                    var ignored = bson_error_t()
                    _ = mongoc_collection_delete_many(chunks, filter.pointer, nil, nil, &ignored)
                }
                throw error
            }
        }
    }
}
