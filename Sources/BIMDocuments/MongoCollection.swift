import CMongoc
import Logging

/// A collection on a pool: a cheap value naming database and collection.
///
/// Every method runs its libmongoc call on the pool's blocking threads. Pass `session:`
/// to take part in a transaction started with `MongoClientPool.withTransaction`.
public struct MongoCollection: Sendable {
    public let database: MongoDatabase
    public let name: String

    init(database: MongoDatabase, name: String) {
        self.database = database
        self.name = name
    }

    var pool: MongoClientPool { database.pool }
    var logger: Logger { pool.logger }

    /// Runs `body` with a `mongoc_collection_t` for this collection.
    func withCollection<T: Sendable>(
        _ operation: String,
        session: MongoSession?,
        _ body: @escaping @Sendable (_ collection: OpaquePointer, _ session: OpaquePointer?) throws -> T
    ) async throws -> T {
        let databaseName = database.name
        let name = self.name
        return try await MongoOperationRunner(pool: pool, session: session).run(operation) { client, sessionPointer in
            let collection = databaseName.withCString { db in name.withCString { mongoc_client_get_collection(client, db, $0) } }
            guard let collection else { throw BIMDocumentError.other(code: 0, domain: 0, message: "cannot open collection") }
            defer { mongoc_collection_destroy(collection) }
            return try body(collection, sessionPointer)
        }
    }

    // MARK: Insert

    /// Inserts one document and returns its `_id` (generated here when absent, so it is known).
    @discardableResult
    public func insertOne(_ document: BSONDocument, session: MongoSession? = nil) async throws -> BSONValue {
        let (withID, id) = Self.ensuringID(document)
        let logger = self.logger
        try await withCollection("insertOne", session: session) { collection, sessionPointer in
            let bson = try OwnedBSON(withID)
            let opts = try MongoOperationRunner.options([:], session: sessionPointer)
            let reply = BSONReplyStorage()
            var error = bson_error_t()
            guard mongoc_collection_insert_one(collection, bson.pointer, opts.pointer, reply.pointer, &error) else {
                throw MongoOperationRunner.failure(error, reply: reply.document(), operation: "insertOne", logger: logger, session: sessionPointer)
            }
        }
        return id
    }

    /// Inserts documents in one batch and returns their `_id`s in order.
    ///
    /// `ordered: false` lets the server continue past failing documents; the first error is still thrown.
    @discardableResult
    public func insertMany(_ documents: [BSONDocument], ordered: Bool = true, session: MongoSession? = nil) async throws -> [BSONValue] {
        guard !documents.isEmpty else { return [] }
        let prepared = documents.map(Self.ensuringID)
        let logger = self.logger
        try await withCollection("insertMany", session: session) { collection, sessionPointer in
            let owned = try prepared.map { try OwnedBSON($0.0) }
            var pointers: [OpaquePointer?] = owned.map(\.pointer)
            let opts = try MongoOperationRunner.options(["ordered": .bool(ordered)], session: sessionPointer)
            let reply = BSONReplyStorage()
            var error = bson_error_t()
            let ok = pointers.withUnsafeMutableBufferPointer { buffer in
                mongoc_collection_insert_many(collection, buffer.baseAddress, buffer.count, opts.pointer, reply.pointer, &error)
            }
            guard ok else {
                throw MongoOperationRunner.failure(error, reply: reply.document(), operation: "insertMany", logger: logger, session: sessionPointer)
            }
            withExtendedLifetime(owned) {}
        }
        return prepared.map(\.1)
    }

    static func ensuringID(_ document: BSONDocument) -> (BSONDocument, BSONValue) {
        if let id = document["_id"] { return (document, id) }
        let id = BSONValue.objectID(BSONObjectID())
        return (BSONDocument([(key: "_id", value: id)] + document.elements), id)
    }

    // MARK: Find

    /// The first matching document, honouring `options.sort`.
    public func findOne(_ filter: BSONDocument = [:], options: MongoFindOptions = .init(), session: MongoSession? = nil) async throws -> BSONDocument? {
        var single = options
        single.limit = 1
        return try await find(filter, options: single, session: session).first
    }

    /// All matching documents. Use `limit` or `findBatches` for result sets that may be large.
    public func find(_ filter: BSONDocument = [:], options: MongoFindOptions = .init(), session: MongoSession? = nil) async throws -> [BSONDocument] {
        let logger = self.logger
        let optionsDocument = options.document
        let limit = options.limit
        return try await withCollection("find", session: session) { collection, sessionPointer in
            let filterBSON = try OwnedBSON(filter)
            let opts = try MongoOperationRunner.options(optionsDocument, session: sessionPointer)
            guard let cursor = mongoc_collection_find_with_opts(collection, filterBSON.pointer, opts.pointer, nil) else {
                throw BIMDocumentError.other(code: 0, domain: 0, message: "cannot open cursor")
            }
            // The server treats limit 0 as "no limit"; the reader must agree.
            let cap = limit.flatMap { $0 > 0 ? $0 : nil }
            return try MongoCursorReader.all(cursor, limit: cap, operation: "find", logger: logger, session: sessionPointer)
        }
    }

    /// Streams matching documents to `body` on the blocking thread, one at a time, without
    /// collecting them; `body` returns false to stop. For exports and bulk transforms.
    public func forEach(
        _ filter: BSONDocument = [:], options: MongoFindOptions = .init(), session: MongoSession? = nil,
        _ body: @escaping @Sendable (BSONDocument) throws -> Bool
    ) async throws {
        let logger = self.logger
        let optionsDocument = options.document
        try await withCollection("find", session: session) { collection, sessionPointer in
            let filterBSON = try OwnedBSON(filter)
            let opts = try MongoOperationRunner.options(optionsDocument, session: sessionPointer)
            guard let cursor = mongoc_collection_find_with_opts(collection, filterBSON.pointer, opts.pointer, nil) else {
                throw BIMDocumentError.other(code: 0, domain: 0, message: "cannot open cursor")
            }
            try MongoCursorReader.consume(cursor, operation: "find", logger: logger, session: sessionPointer, body)
        }
    }

    /// Matching documents in `_id` order, `batchSize` at a time, as an async sequence.
    ///
    /// Each batch is its own query resuming after the last `_id` seen, so no cursor or
    /// client is held while the consumer awaits between batches.
    public func findBatches(_ filter: BSONDocument = [:], batchSize: Int = 500, projection: BSONDocument? = nil) -> MongoFindBatches {
        MongoFindBatches(collection: self, filter: filter, batchSize: batchSize, projection: projection)
    }

    /// Number of matching documents.
    public func countDocuments(_ filter: BSONDocument = [:], session: MongoSession? = nil) async throws -> Int {
        let logger = self.logger
        return try await withCollection("countDocuments", session: session) { collection, sessionPointer in
            let filterBSON = try OwnedBSON(filter)
            let opts = try MongoOperationRunner.options([:], session: sessionPointer)
            let reply = BSONReplyStorage()
            var error = bson_error_t()
            let count = mongoc_collection_count_documents(collection, filterBSON.pointer, opts.pointer, nil, reply.pointer, &error)
            guard count >= 0 else {
                throw MongoOperationRunner.failure(error, reply: reply.document(), operation: "countDocuments", logger: logger, session: sessionPointer)
            }
            return Int(count)
        }
    }

    /// Runs an aggregation pipeline and returns all output documents.
    public func aggregate(_ pipeline: [BSONDocument], session: MongoSession? = nil) async throws -> [BSONDocument] {
        let logger = self.logger
        let pipelineDocument: BSONDocument = ["pipeline": .array(pipeline.map(BSONValue.document))]
        return try await withCollection("aggregate", session: session) { collection, sessionPointer in
            let pipelineBSON = try OwnedBSON(pipelineDocument)
            let opts = try MongoOperationRunner.options([:], session: sessionPointer)
            guard let cursor = mongoc_collection_aggregate(collection, MONGOC_QUERY_NONE, pipelineBSON.pointer, opts.pointer, nil) else {
                throw BIMDocumentError.other(code: 0, domain: 0, message: "cannot open cursor")
            }
            return try MongoCursorReader.all(cursor, operation: "aggregate", logger: logger, session: sessionPointer)
        }
    }

    // MARK: Update, replace, delete

    /// Applies `update` (operators such as `$set`) to the first match.
    @discardableResult
    public func updateOne(_ filter: BSONDocument, _ update: BSONDocument, upsert: Bool = false, session: MongoSession? = nil) async throws -> MongoUpdateResult {
        try await write("updateOne", filter, update, upsert: upsert, session: session, mongoc_collection_update_one)
    }

    /// Applies `update` to every match.
    @discardableResult
    public func updateMany(_ filter: BSONDocument, _ update: BSONDocument, upsert: Bool = false, session: MongoSession? = nil) async throws -> MongoUpdateResult {
        try await write("updateMany", filter, update, upsert: upsert, session: session, mongoc_collection_update_many)
    }

    /// Replaces the first match with `replacement` (no operators), or inserts it when `upsert`.
    @discardableResult
    public func replaceOne(_ filter: BSONDocument, _ replacement: BSONDocument, upsert: Bool = false, session: MongoSession? = nil) async throws -> MongoUpdateResult {
        try await write("replaceOne", filter, replacement, upsert: upsert, session: session, mongoc_collection_replace_one)
    }

    private func write(
        _ operation: String, _ filter: BSONDocument, _ update: BSONDocument, upsert: Bool, session: MongoSession?,
        _ function: @escaping @Sendable (OpaquePointer?, OpaquePointer?, OpaquePointer?, OpaquePointer?, OpaquePointer?, UnsafeMutablePointer<bson_error_t>?) -> Bool
    ) async throws -> MongoUpdateResult {
        let logger = self.logger
        return try await withCollection(operation, session: session) { collection, sessionPointer in
            let filterBSON = try OwnedBSON(filter)
            let updateBSON = try OwnedBSON(update)
            let opts = try MongoOperationRunner.options(upsert ? ["upsert": true] : [:], session: sessionPointer)
            let reply = BSONReplyStorage()
            var error = bson_error_t()
            guard function(collection, filterBSON.pointer, updateBSON.pointer, opts.pointer, reply.pointer, &error) else {
                throw MongoOperationRunner.failure(error, reply: reply.document(), operation: operation, logger: logger, session: sessionPointer)
            }
            return MongoUpdateResult(reply: reply.document())
        }
    }

    /// Deletes the first match; returns how many were deleted (0 or 1).
    @discardableResult
    public func deleteOne(_ filter: BSONDocument, session: MongoSession? = nil) async throws -> Int {
        try await delete("deleteOne", filter, session: session, mongoc_collection_delete_one)
    }

    /// Deletes every match; returns how many were deleted.
    @discardableResult
    public func deleteMany(_ filter: BSONDocument, session: MongoSession? = nil) async throws -> Int {
        try await delete("deleteMany", filter, session: session, mongoc_collection_delete_many)
    }

    private func delete(
        _ operation: String, _ filter: BSONDocument, session: MongoSession?,
        _ function: @escaping @Sendable (OpaquePointer?, OpaquePointer?, OpaquePointer?, OpaquePointer?, UnsafeMutablePointer<bson_error_t>?) -> Bool
    ) async throws -> Int {
        let logger = self.logger
        return try await withCollection(operation, session: session) { collection, sessionPointer in
            let filterBSON = try OwnedBSON(filter)
            let opts = try MongoOperationRunner.options([:], session: sessionPointer)
            let reply = BSONReplyStorage()
            var error = bson_error_t()
            guard function(collection, filterBSON.pointer, opts.pointer, reply.pointer, &error) else {
                throw MongoOperationRunner.failure(error, reply: reply.document(), operation: operation, logger: logger, session: sessionPointer)
            }
            return Int(reply.document()?["deletedCount"]?.int64Value ?? 0)
        }
    }

    /// Drops the collection; dropping one that does not exist is not an error.
    public func drop() async throws {
        let logger = self.logger
        try await withCollection("drop", session: nil) { collection, _ in
            var error = bson_error_t()
            guard mongoc_collection_drop_with_opts(collection, nil, &error) else {
                // NamespaceNotFound (26) just means there was nothing to drop.
                if error.code == 26 || error.text.contains("ns not found") { return }
                throw MongoErrorTranslator.translate(error, operation: "drop", logger: logger)
            }
        }
    }
}
