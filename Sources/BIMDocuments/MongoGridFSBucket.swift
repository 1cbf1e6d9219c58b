import CMongoc
import Foundation
import Logging

/// A GridFS bucket: large binary objects (original IFC/COBie uploads, GLB tiles) split
/// into chunks, with a files record carrying filename and metadata.
///
/// Bytes move in bounded pieces: uploads send chunks in batches read from the caller's buffer or file,
/// downloads read into one pre-sized buffer or straight into a file, so a 100 MB object is
/// never held twice in memory.
public struct MongoGridFSBucket: Sendable {
    public let database: MongoDatabase
    public let bucketName: String
    public let chunkSize: Int

    init(database: MongoDatabase, bucketName: String, chunkSize: Int) {
        self.database = database
        self.bucketName = bucketName
        self.chunkSize = min(max(chunkSize, 1024), 16 * 1024 * 1024 - 1024)
    }

    var logger: Logger { database.pool.logger }

    /// Runs `body` with a `mongoc_gridfs_bucket_t` on a pooled client.
    func withBucket<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (OpaquePointer) throws -> T) async throws -> T {
        let databaseName = database.name
        let options: BSONDocument = ["bucketName": .string(bucketName), "chunkSizeBytes": .int32(Int32(chunkSize))]
        let logger = self.logger
        return try await database.pool.withClient(operation) { client in
            guard let db = databaseName.withCString({ mongoc_client_get_database(client, $0) }) else {
                throw BIMDocumentError.other(code: 0, domain: 0, message: "cannot open database")
            }
            defer { mongoc_database_destroy(db) }
            let opts = try OwnedBSON(options)
            var error = bson_error_t()
            guard let bucket = mongoc_gridfs_bucket_new(db, opts.pointer, nil, &error) else {
                throw MongoErrorTranslator.translate(error, operation: operation, logger: logger)
            }
            defer { mongoc_gridfs_bucket_destroy(bucket) }
            return try body(bucket)
        }
    }

    /// The file's record, or `nil` if there is none with that id.
    public func file(id: BSONValue) async throws -> MongoGridFSFile? {
        try await find(["_id": id], limit: 1).first
    }

    /// Files whose record matches `filter` (e.g. `["metadata.modelId": "…"]`).
    public func find(_ filter: BSONDocument, sort: BSONDocument? = nil, limit: Int? = nil) async throws -> [MongoGridFSFile] {
        let logger = self.logger
        let options = MongoFindOptions(sort: sort, limit: limit).document
        return try await withBucket("gridfs.find") { bucket in
            let filterBSON = try OwnedBSON(filter)
            let opts = try OwnedBSON(options)
            guard let cursor = mongoc_gridfs_bucket_find(bucket, filterBSON.pointer, opts.pointer) else {
                throw BIMDocumentError.other(code: 0, domain: 0, message: "cannot open cursor")
            }
            return try MongoCursorReader.all(cursor, limit: limit, operation: "gridfs.find", logger: logger, session: nil)
                .map(MongoGridFSFile.init(document:))
        }
    }

    /// The whole file in memory, read into one buffer sized from its record.
    public func download(id: BSONValue, maximumLength: Int = 1 << 30) async throws -> Data {
        try await withChunks(of: id, operation: "gridfs.download") { length, readChunks in
            guard length <= maximumLength else { throw BIMDocumentError.other(code: 0, domain: 0, message: "file too large to load") }
            var data = Data(count: length)
            try data.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) in
                try readChunks { offset, chunk in
                    target.baseAddress.map { base in
                        chunk.withUnsafeBytes { source in
                            if let from = source.baseAddress { (base + offset).copyMemory(from: from, byteCount: source.count) }
                        }
                    }
                }
            }
            return data
        }
    }

    /// Streams the file to `url` (created or truncated), never holding it in memory.
    public func download(id: BSONValue, to url: URL) async throws {
        let path = url.path
        try await withChunks(of: id, operation: "gridfs.download") { _, readChunks in
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw BIMDocumentError.other(code: 0, domain: 0, message: "cannot open destination file")
            }
            defer { try? handle.close() }
            try readChunks { _, chunk in try handle.write(contentsOf: chunk) }
        }
    }

    /// Deletes the file record and its chunks; `.notFound` if there is no such file.
    public func delete(id: BSONValue) async throws {
        let logger = self.logger
        try await withBucket("gridfs.delete") { bucket in
            var error = bson_error_t()
            let ok = try id.withUnsafeBSONValue { mongoc_gridfs_bucket_delete_by_id(bucket, $0, &error) }
            guard ok else { throw MongoErrorTranslator.translate(error, operation: "gridfs.delete", logger: logger) }
        }
    }
}
