import CMongoc

extension MongoClientPool {
    /// Readiness check: `{ping: 1}` on a fresh single-threaded client whose server-selection,
    /// connect and socket timeouts are all `timeout`.
    ///
    /// Pooled clients inherit the pool's (long) server-selection timeout and keep retrying
    /// until it expires; a dedicated client with "try once" selection answers within about
    /// `timeout` when the server is down, which is what a readiness probe needs.
    public func ping(timeout: Duration = .seconds(2)) async throws {
        let logger = self.logger
        guard let uri = probeURI(timeout: timeout) else { throw BIMDocumentError.connection }
        let probe = MongoURIPointer(pointer: uri)
        // The outer limit also covers time spent queued behind busy blocking threads.
        try await Self.withDeadline(timeout + .seconds(1)) { [executor] in
            try await executor.run {
                defer { mongoc_uri_destroy(probe.pointer) }
                var error = bson_error_t()
                guard let client = mongoc_client_new_from_uri_with_error(probe.pointer, &error) else {
                    throw MongoErrorTranslator.translate(error, operation: "ping", logger: logger)
                }
                defer { mongoc_client_destroy(client) }
                _ = mongoc_client_set_error_api(client, 2)
                let command = try OwnedBSON(["ping": 1])
                let reply = BSONReplyStorage()
                guard mongoc_client_command_simple(client, "admin", command.pointer, nil, reply.pointer, &error) else {
                    throw MongoErrorTranslator.translate(error, reply: reply.document(), operation: "ping", logger: logger)
                }
            }
        }
    }

    /// Runs `operation`, giving up with `.timeout` after `limit` (the blocking job itself
    /// still finishes in the background, bounded by its own libmongoc timeouts).
    static func withDeadline<T: Sendable>(
        _ limit: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw BIMDocumentError.timeout
            }
            return value
        }
    }
}
