import CMongoc

extension MongoCollection {
    /// Sends many writes in as few round trips as the server allows.
    ///
    /// `ordered: true` stops at the first failure (and throws it); `false` attempts every
    /// operation and then throws the first failure, if any.
    @discardableResult
    public func bulkWrite(_ models: [MongoWriteModel], ordered: Bool = true, session: MongoSession? = nil) async throws -> MongoBulkWriteResult {
        guard !models.isEmpty else { return MongoBulkWriteResult(reply: nil) }
        let logger = self.logger
        return try await withCollection("bulkWrite", session: session) { collection, sessionPointer in
            let opts = try OwnedBSON(["ordered": .bool(ordered)])
            guard let bulk = mongoc_collection_create_bulk_operation_with_opts(collection, opts.pointer) else {
                throw BIMDocumentError.other(code: 0, domain: 0, message: "cannot start bulk write")
            }
            defer { mongoc_bulk_operation_destroy(bulk) }
            if let sessionPointer { mongoc_bulk_operation_set_client_session(bulk, sessionPointer) }
            var error = bson_error_t()
            for model in models {
                guard try Self.add(model, to: bulk, error: &error) else {
                    throw MongoErrorTranslator.translate(error, operation: "bulkWrite", logger: logger)
                }
            }
            let reply = BSONReplyStorage()
            guard mongoc_bulk_operation_execute(bulk, reply.pointer, &error) != 0 else {
                throw MongoOperationRunner.failure(error, reply: reply.document(), operation: "bulkWrite", logger: logger, session: sessionPointer)
            }
            return MongoBulkWriteResult(reply: reply.document())
        }
    }

    private static func add(_ model: MongoWriteModel, to bulk: OpaquePointer, error: inout bson_error_t) throws -> Bool {
        switch model {
        case .insertOne(let document):
            let bson = try OwnedBSON(ensuringID(document).0)
            return mongoc_bulk_operation_insert_with_opts(bulk, bson.pointer, nil, &error)
        case .updateOne(let filter, let update, let upsert):
            let (selector, change, opts) = try (OwnedBSON(filter), OwnedBSON(update), OwnedBSON(["upsert": .bool(upsert)]))
            return mongoc_bulk_operation_update_one_with_opts(bulk, selector.pointer, change.pointer, opts.pointer, &error)
        case .updateMany(let filter, let update, let upsert):
            let (selector, change, opts) = try (OwnedBSON(filter), OwnedBSON(update), OwnedBSON(["upsert": .bool(upsert)]))
            return mongoc_bulk_operation_update_many_with_opts(bulk, selector.pointer, change.pointer, opts.pointer, &error)
        case .replaceOne(let filter, let replacement, let upsert):
            let (selector, document, opts) = try (OwnedBSON(filter), OwnedBSON(replacement), OwnedBSON(["upsert": .bool(upsert)]))
            return mongoc_bulk_operation_replace_one_with_opts(bulk, selector.pointer, document.pointer, opts.pointer, &error)
        case .deleteOne(let filter):
            let selector = try OwnedBSON(filter)
            return mongoc_bulk_operation_remove_one_with_opts(bulk, selector.pointer, nil, &error)
        case .deleteMany(let filter):
            let selector = try OwnedBSON(filter)
            return mongoc_bulk_operation_remove_many_with_opts(bulk, selector.pointer, nil, &error)
        }
    }
}
