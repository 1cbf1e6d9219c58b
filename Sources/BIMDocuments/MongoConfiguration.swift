/// How to reach MongoDB. Values set here override the same option in the URI.
public struct MongoConfiguration: Sendable {
    /// A `mongodb://` or `mongodb+srv://` connection string.
    public var uri: String
    /// Shown in server logs and `currentOp`, so operators can tell Atrium's connections apart.
    public var appName: String
    /// How long an operation may wait for a usable server; `nil` keeps the URI's value (default 30 s).
    public var serverSelectionTimeout: Duration?
    /// Upper bound on pooled connections, and the size of the blocking thread pool; `nil` keeps the URI's `maxPoolSize` or 16.
    public var maxPoolSize: Int?
    /// How long a call may wait for a free pooled client before failing with `.timeout`.
    public var checkoutTimeout: Duration

    public init(
        uri: String,
        appName: String = "atrium",
        serverSelectionTimeout: Duration? = nil,
        maxPoolSize: Int? = nil,
        checkoutTimeout: Duration = .seconds(30)
    ) {
        self.uri = uri
        self.appName = appName
        self.serverSelectionTimeout = serverSelectionTimeout
        self.maxPoolSize = maxPoolSize
        self.checkoutTimeout = checkoutTimeout
    }
}

extension Duration {
    /// Whole milliseconds, clamped to what libmongoc's int32 options accept.
    var clampedMilliseconds: Int32 {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, millis))
    }
}
