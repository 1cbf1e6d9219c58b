import CMongoc
import Logging
import Synchronization

/// A libmongoc client pool plus the threads that run its blocking calls.
///
/// Every operation checks a client out, runs on the pool's own threads (never on the
/// caller's executor or an event loop), and checks the client back in even when it fails.
/// Create one per process and hand out `MongoDatabase`/`MongoCollection` values.
///
/// `@unchecked Sendable`: `pointer` is immutable and `mongoc_client_pool_t` is documented
/// as thread-safe for pop/push; it is destroyed only in `shutdown()`, after the executor has
/// refused new work and every running job (the only users of the pointer) has finished, and
/// `closed` makes that happen at most once.
public final class MongoClientPool: @unchecked Sendable {
    let logger: Logger
    let configuration: MongoConfiguration
    let executor: BlockingExecutor
    let maxPoolSize: Int
    private let pointer: OpaquePointer
    private let uri: OpaquePointer
    private let closed = Mutex(false)

    /// Parses the URI and creates the pool; no connection is made until the first operation.
    public init(configuration: MongoConfiguration, logger: Logger = Logger(label: "atrium.mongodb")) throws {
        MongocRuntime.ensureInitialized()
        self.logger = logger
        self.configuration = configuration
        var error = bson_error_t()
        guard let uri = configuration.uri.withCString({ mongoc_uri_new_with_error($0, &error) }) else {
            logger.error("invalid MongoDB URI", metadata: ["mongodb.error.message": "\(error.text)"])
            throw BIMDocumentError.connection
        }
        if mongoc_uri_get_appname(uri) == nil {
            _ = configuration.appName.withCString { mongoc_uri_set_appname(uri, $0) }
        }
        if let timeout = configuration.serverSelectionTimeout {
            _ = mongoc_uri_set_option_as_int32(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS, timeout.clampedMilliseconds)
        }
        let size = configuration.maxPoolSize
            ?? Int(mongoc_uri_get_option_as_int32(uri, MONGOC_URI_MAXPOOLSIZE, 16))
        let poolSize = min(max(size, 1), 256)
        _ = mongoc_uri_set_option_as_int32(uri, MONGOC_URI_MAXPOOLSIZE, Int32(poolSize))
        guard let pool = mongoc_client_pool_new_with_error(uri, &error) else {
            mongoc_uri_destroy(uri)
            logger.error("cannot create MongoDB client pool", metadata: ["mongodb.error.message": "\(error.text)"])
            throw BIMDocumentError.connection
        }
        // Error API 2 reports server errors in their own domain, which the translator relies on.
        _ = mongoc_client_pool_set_error_api(pool, 2)
        self.pointer = pool
        self.uri = uri
        self.maxPoolSize = poolSize
        self.executor = BlockingExecutor(threadCount: poolSize, name: "atrium-mongoc")
    }

    deinit {
        // Normally `shutdown()` already ran. If not, the pool cannot be destroyed here safely
        // (jobs may still hold clients), so it is left for process exit rather than risked.
        if !closed.withLock({ $0 }) {
            logger.debug("MongoClientPool released without shutdown(); pool left to process exit")
        }
    }

    /// A handle for one database.
    public func database(_ name: String) -> MongoDatabase {
        MongoDatabase(pool: self, name: name)
    }

    /// Stops accepting work, waits for running operations, then destroys the pool. Idempotent.
    public func shutdown() async {
        let first = closed.withLock { wasClosed -> Bool in
            defer { wasClosed = true }
            return !wasClosed
        }
        guard first else { return }
        await executor.shutdownGracefully()
        mongoc_client_pool_destroy(pointer)
        mongoc_uri_destroy(uri)
        logger.debug("MongoDB client pool destroyed")
    }

    /// Runs `body` with a pooled client on the blocking threads; the client goes back to the pool afterwards.
    ///
    /// Clients are taken with `try_pop`: when all are busy (e.g. held by open transactions)
    /// the call backs off asynchronously instead of parking a thread in a blocking `pop`,
    /// which could otherwise starve the very transactions that would free a client.
    func withClient<T: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (OpaquePointer) throws -> T
    ) async throws -> T {
        let deadline = ContinuousClock.now + configuration.checkoutTimeout
        var backoff = Duration.milliseconds(1)
        var attempt = 0
        while true {
            attempt += 1
            let outcome: T? = try await executor.run { [self] in
                guard !self.closed.withLock({ $0 }) else { throw BIMDocumentError.shutdown }
                guard let client = mongoc_client_pool_try_pop(self.pointer) else { return nil }
                defer { mongoc_client_pool_push(self.pointer, client) }
                return try body(client)
            }
            if let outcome { return outcome }
            guard ContinuousClock.now < deadline else {
                logger.warning("no pooled MongoDB client became free", metadata: ["mongodb.operation": "\(operation)", "attempts": "\(attempt)"])
                throw BIMDocumentError.timeout
            }
            try await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .milliseconds(50))
        }
    }

    /// Takes a client out of the pool for a long-lived owner (a session); pair with `checkIn`.
    func checkOut(_ operation: String) async throws -> MongoPooledClient {
        let deadline = ContinuousClock.now + configuration.checkoutTimeout
        var backoff = Duration.milliseconds(1)
        while true {
            let client: MongoPooledClient? = try await executor.run { [self] in
                guard !self.closed.withLock({ $0 }) else { throw BIMDocumentError.shutdown }
                return mongoc_client_pool_try_pop(self.pointer).map(MongoPooledClient.init)
            }
            if let client { return client }
            guard ContinuousClock.now < deadline else { throw BIMDocumentError.timeout }
            try await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .milliseconds(50))
        }
    }

    /// Returns a client taken with `checkOut`.
    func checkIn(_ client: MongoPooledClient) async {
        _ = try? await executor.run { [self] in
            mongoc_client_pool_push(self.pointer, client.pointer)
        }
    }

    /// Runs `body` on the blocking threads with a client the caller already holds.
    func withHeldClient<T: Sendable>(
        _ client: MongoPooledClient,
        _ body: @escaping @Sendable (OpaquePointer) throws -> T
    ) async throws -> T {
        try await executor.run {
            try body(client.pointer)
        }
    }

    /// A copy of the pool's URI with short timeouts, for readiness probes.
    func probeURI(timeout: Duration) -> OpaquePointer? {
        guard let copy = mongoc_uri_copy(uri) else { return nil }
        let millis = max(timeout.clampedMilliseconds, 1)
        _ = mongoc_uri_set_option_as_int32(copy, MONGOC_URI_SERVERSELECTIONTIMEOUTMS, millis)
        _ = mongoc_uri_set_option_as_int32(copy, MONGOC_URI_CONNECTTIMEOUTMS, millis)
        _ = mongoc_uri_set_option_as_int32(copy, MONGOC_URI_SOCKETTIMEOUTMS, millis)
        return copy
    }
}
