import CMongoc
import Foundation
import Logging

/// A GridFS bucket: large binary objects (original IFC/COBie uploads, GLB tiles) split
/// into chunks, with a files record carrying filename and metadata.
///
/// Bytes move in bounded pieces: uploads write straight from the caller's buffer or file,
/// downloads read into one pre-sized buffer or straight into a file, so a 100 MB object is
/// never held twice in memory.
public struct MongoGridFSBucket: Sendable {
    public let database: MongoDatabase
    public let bucketName: String
    public let chunkSize: Int

    /// Size of each write to / read from the GridFS stream.
    static let ioSlice = 1 << 20

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

    /// Stores `data` as a new file and returns its id.
    @discardableResult
    public func upload(
        _ data: Data, filename: String, metadata: BSONDocument? = nil, id: BSONValue = .objectID(BSONObjectID())
    ) async throws -> BSONValue {
        let logger = self.logger
        let uploadOptions = Self.uploadOptions(metadata)
        try await withBucket("gridfs.upload") { bucket in
            let opts = try OwnedBSON(uploadOptions)
            var error = bson_error_t()
            let stream = try id.withUnsafeBSONValue { idValue in
                filename.withCString { mongoc_gridfs_bucket_open_upload_stream_with_id(bucket, idValue, $0, opts.pointer, &error) }
            }
            guard let stream else { throw MongoErrorTranslator.translate(error, operation: "gridfs.upload", logger: logger) }
            defer { mongoc_stream_destroy(stream) }
            let written = data.withUnsafeBytes { raw in Self.write(raw, to: stream) }
            guard written, mongoc_stream_close(stream) == 0 else {
                _ = mongoc_gridfs_bucket_stream_error(stream, &error)
                _ = mongoc_gridfs_bucket_abort_upload(stream)
                throw MongoErrorTranslator.translate(error, operation: "gridfs.upload", logger: logger)
            }
        }
        return id
    }

    /// Stores the file at `url`, streamed from disk by libmongoc, and returns its id.
    @discardableResult
    public func upload(
        contentsOf url: URL, filename: String, metadata: BSONDocument? = nil, id: BSONValue = .objectID(BSONObjectID())
    ) async throws -> BSONValue {
        let logger = self.logger
        let uploadOptions = Self.uploadOptions(metadata)
        let path = url.path
        try await withBucket("gridfs.upload") { bucket in
            guard let source = path.withCString({ mongoc_stream_file_new_for_path($0, O_RDONLY, 0) }) else {
                throw BIMDocumentError.notFound
            }
            defer { mongoc_stream_destroy(source) }
            let opts = try OwnedBSON(uploadOptions)
            var error = bson_error_t()
            let ok = try id.withUnsafeBSONValue { idValue in
                filename.withCString { mongoc_gridfs_bucket_upload_from_stream_with_id(bucket, idValue, $0, source, opts.pointer, &error) }
            }
            guard ok else { throw MongoErrorTranslator.translate(error, operation: "gridfs.upload", logger: logger) }
        }
        return id
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

    /// Writes `raw` to a GridFS upload stream in bounded slices; false on the first failed write.
    private static func write(_ raw: UnsafeRawBufferPointer, to stream: UnsafeMutablePointer<mongoc_stream_t>) -> Bool {
        guard let base = raw.baseAddress else { return true }
        var offset = 0
        while offset < raw.count {
            let slice = Swift.min(ioSlice, raw.count - offset)
            let wrote: Int = mongoc_stream_write(stream, UnsafeMutableRawPointer(mutating: base + offset), slice, -1)
            guard wrote > 0 else { return false }
            offset += wrote
        }
        return true
    }

    private static func uploadOptions(_ metadata: BSONDocument?) -> BSONDocument {
        var options = BSONDocument()
        if let metadata { options["metadata"] = .document(metadata) }
        return options
    }
}
