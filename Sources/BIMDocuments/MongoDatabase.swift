import CMongoc

/// A database on a pool: a cheap value that names the database, nothing more.
public struct MongoDatabase: Sendable {
    public let pool: MongoClientPool
    public let name: String

    init(pool: MongoClientPool, name: String) {
        self.pool = pool
        self.name = name
    }

    public func collection(_ name: String) -> MongoCollection {
        MongoCollection(database: self, name: name)
    }

    /// GridFS bucket `bucketName` (`fs` by default), i.e. collections `<bucket>.files` and `<bucket>.chunks`.
    public func gridFSBucket(_ bucketName: String = "fs", chunkSize: Int = 255 * 1024) -> MongoGridFSBucket {
        MongoGridFSBucket(database: self, bucketName: bucketName, chunkSize: chunkSize)
    }

    /// Runs a database command and returns the server's reply.
    @discardableResult
    public func runCommand(_ command: BSONDocument, session: MongoSession? = nil) async throws -> BSONDocument {
        let name = self.name
        let logger = pool.logger
        return try await MongoOperationRunner(pool: pool, session: session).run("command") { client, sessionPointer in
            let database = name.withCString { mongoc_client_get_database(client, $0) }
            defer { mongoc_database_destroy(database) }
            let commandBSON = try OwnedBSON(command)
            let opts = try MongoOperationRunner.options([:], session: sessionPointer)
            let reply = BSONReplyStorage()
            var error = bson_error_t()
            guard mongoc_database_command_with_opts(database, commandBSON.pointer, nil, opts.pointer, reply.pointer, &error) else {
                throw MongoOperationRunner.failure(error, reply: reply.document(), operation: "command", logger: logger, session: sessionPointer)
            }
            return reply.document() ?? [:]
        }
    }

    /// Names of the collections in this database.
    public func collectionNames() async throws -> [String] {
        let reply = try await runCommand(["listCollections": 1, "nameOnly": true])
        let batch = reply["cursor"]?.documentValue?["firstBatch"]?.arrayValue ?? []
        return batch.compactMap { $0.documentValue?["name"]?.stringValue }
    }

    /// Drops the database and everything in it.
    public func drop() async throws {
        try await runCommand(["dropDatabase": 1])
    }
}
