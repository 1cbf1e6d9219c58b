import Foundation

/// Everything `atrium serve` needs to start, read from flags and `ATRIUM_*` environment variables.
///
/// Parsing is strict and happens before anything starts: a malformed value stops the process
/// with a message naming the variable, instead of surfacing later as a confusing runtime error.
public struct AtriumConfiguration: Sendable, Equatable {
    public enum LogFormat: String, Sendable, Equatable, CaseIterable {
        case text, json
    }

    public enum LogLevel: String, Sendable, Equatable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical
    }

    public var listenHost: String
    public var listenPort: Int
    /// `postgres://` URL of the system of record. Kept as text here; TwinStore parses it.
    public var databaseURL: String
    /// `mongodb://` URI of the BIM document store.
    public var mongoDBURI: String
    /// Where uploads are spooled and caches kept.
    public var dataDirectory: String
    public var logLevel: LogLevel
    public var logFormat: LogFormat
    /// Largest accepted import upload (`ATRIUM_IMPORT_MAX_BYTES`, default 1 GiB).
    public var importMaxBytes: Int64
    /// Imports waiting for the worker before uploads get 429 (`ATRIUM_IMPORT_MAX_QUEUED`, default 32).
    public var importMaxQueued: Int = 32
    /// Staged bytes one caller may have waiting before uploads get 507 (`ATRIUM_IMPORT_QUOTA_BYTES`, default 4 GiB).
    public var importQuotaBytes: Int64 = 4 << 30
    /// Where uploads are staged for the import worker (`ATRIUM_IMPORT_DIR`; nil = system temp).
    public var importDirectory: String?
    /// Administrator's classification rules file replacing the shipped ones (`ATRIUM_CLASSIFICATION_RULES`).
    public var classificationRulesPath: String?
    /// Connection timeouts and per-address connection cap (`ATRIUM_HTTP_*`).
    public var httpLimits: HTTPServerLimits
    /// Rules file replacing the shipped point rules (`ATRIUM_POINT_RULES`).
    public var pointRulesPath: String?
    /// How long readings are kept (`ATRIUM_READINGS_RETENTION`, default `400d`): older daily partitions are dropped.
    public var readingsRetention: Duration = .seconds(400 * 86_400)
    /// Quota of the readings spool under the data directory (`ATRIUM_SPOOL_MAX_BYTES`, default 1 GiB):
    /// past it, ingest answers 503 (HTTP) and stops acknowledging (MQTT) until the drain catches up.
    public var spoolMaxBytes: Int64 = 1 << 30
    /// Reverse proxies whose `X-Forwarded-For` names the client (`ATRIUM_TRUSTED_PROXIES`; none by default).
    public var trustedProxies: TrustedProxies
    /// MQTT ingest (`ATRIUM_MQTT_*`); nil when `ATRIUM_MQTT_URL` is not set.
    public var mqtt: MQTTIngestSettings?

    public static let defaultImportMaxBytes: Int64 = 1 << 30

    public init(
        listenHost: String = "127.0.0.1",
        listenPort: Int = 8080,
        databaseURL: String,
        mongoDBURI: String,
        dataDirectory: String = ".atrium/data",
        logLevel: LogLevel = .info,
        logFormat: LogFormat = .text,
        importMaxBytes: Int64 = AtriumConfiguration.defaultImportMaxBytes,
        importDirectory: String? = nil,
        classificationRulesPath: String? = nil,
        httpLimits: HTTPServerLimits = HTTPServerLimits(),
        trustedProxies: TrustedProxies = TrustedProxies()
    ) {
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.databaseURL = databaseURL
        self.mongoDBURI = mongoDBURI
        self.dataDirectory = dataDirectory
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.importMaxBytes = importMaxBytes
        self.importDirectory = importDirectory
        self.classificationRulesPath = classificationRulesPath
        self.httpLimits = httpLimits
        self.trustedProxies = trustedProxies
    }

    /// Values given on the command line; each wins over its environment variable.
    public struct Overrides: Sendable, Equatable {
        public var listen: String?
        public var databaseURL: String?
        public var mongoDBURI: String?
        public var dataDirectory: String?
        public var logLevel: String?
        public var logFormat: String?

        public init(
            listen: String? = nil, databaseURL: String? = nil, mongoDBURI: String? = nil,
            dataDirectory: String? = nil, logLevel: String? = nil, logFormat: String? = nil
        ) {
            self.listen = listen
            self.databaseURL = databaseURL
            self.mongoDBURI = mongoDBURI
            self.dataDirectory = dataDirectory
            self.logLevel = logLevel
            self.logFormat = logFormat
        }
    }

    public init(
        environment: [String: String],
        overrides: Overrides = .init()
    ) throws(ConfigurationError) {
        func value(_ flag: String?, _ variable: String) -> String? {
            let raw = flag ?? environment[variable]
            guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return raw.trimmingCharacters(in: .whitespaces)
        }
        let listen = value(overrides.listen, "ATRIUM_LISTEN") ?? "127.0.0.1:8080"
        (listenHost, listenPort) = try Self.parseListen(listen)

        guard let database = value(overrides.databaseURL, "ATRIUM_DATABASE_URL") else {
            throw .missing(variable: "ATRIUM_DATABASE_URL", example: "postgres://atrium@127.0.0.1:5432/atrium")
        }
        guard let scheme = URLComponents(string: database)?.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql"
        else {
            throw .malformed(variable: "ATRIUM_DATABASE_URL", reason: "must be a postgres:// URL")
        }
        databaseURL = database

        guard let mongo = value(overrides.mongoDBURI, "ATRIUM_MONGODB_URI") else {
            throw .missing(variable: "ATRIUM_MONGODB_URI", example: "mongodb://127.0.0.1:27017")
        }
        guard mongo.hasPrefix("mongodb://") || mongo.hasPrefix("mongodb+srv://") else {
            throw .malformed(variable: "ATRIUM_MONGODB_URI", reason: "must be a mongodb:// or mongodb+srv:// URI")
        }
        mongoDBURI = mongo

        dataDirectory = value(overrides.dataDirectory, "ATRIUM_DATA_DIR") ?? ".atrium/data"

        let level = value(overrides.logLevel, "ATRIUM_LOG_LEVEL")?.lowercased() ?? "info"
        guard let parsedLevel = LogLevel(rawValue: level) else {
            throw .malformed(
                variable: "ATRIUM_LOG_LEVEL",
                reason: "'\(level)' is not one of \(LogLevel.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        logLevel = parsedLevel

        let format = value(overrides.logFormat, "ATRIUM_LOG_FORMAT")?.lowercased() ?? "text"
        guard let parsedFormat = LogFormat(rawValue: format) else {
            throw .malformed(variable: "ATRIUM_LOG_FORMAT", reason: "'\(format)' is not 'text' or 'json'")
        }
        logFormat = parsedFormat

        importMaxBytes = try value(nil, "ATRIUM_IMPORT_MAX_BYTES").map { text throws(ConfigurationError) in
            try Self.parseByteCount(text, variable: "ATRIUM_IMPORT_MAX_BYTES")
        } ?? Self.defaultImportMaxBytes
        importDirectory = value(nil, "ATRIUM_IMPORT_DIR")
        if let text = value(nil, "ATRIUM_IMPORT_MAX_QUEUED") {
            guard let count = Int(text), (1...100_000).contains(count) else {
                throw .malformed(variable: "ATRIUM_IMPORT_MAX_QUEUED", reason: "'\(text.prefix(32))' is not a number from 1 to 100000")
            }
            importMaxQueued = count
        }
        importQuotaBytes = try value(nil, "ATRIUM_IMPORT_QUOTA_BYTES").map { text throws(ConfigurationError) in
            try Self.parseByteCount(text, variable: "ATRIUM_IMPORT_QUOTA_BYTES")
        } ?? importQuotaBytes
        classificationRulesPath = value(nil, "ATRIUM_CLASSIFICATION_RULES")

        var limits = HTTPServerLimits()
        func duration(_ variable: String) throws(ConfigurationError) -> Duration? {
            try value(nil, variable).map { text throws(ConfigurationError) in try Self.parseDuration(text, variable: variable) }
        }
        limits.headerTimeout = try duration("ATRIUM_HTTP_HEADER_TIMEOUT") ?? limits.headerTimeout
        limits.idleTimeout = try duration("ATRIUM_HTTP_IDLE_TIMEOUT") ?? limits.idleTimeout
        limits.bodyTimeout = try duration("ATRIUM_HTTP_BODY_TIMEOUT") ?? limits.bodyTimeout
        if let text = value(nil, "ATRIUM_MAX_CONNECTIONS_PER_ADDRESS") {
            guard let count = Int(text), (1...1_000_000).contains(count) else {
                throw .malformed(variable: "ATRIUM_MAX_CONNECTIONS_PER_ADDRESS", reason: "'\(text.prefix(32))' is not a number from 1 to 1000000")
            }
            limits.maxConnectionsPerAddress = count
        }
        httpLimits = limits
        readingsRetention = try duration("ATRIUM_READINGS_RETENTION") ?? readingsRetention
        pointRulesPath = value(nil, "ATRIUM_POINT_RULES")
        spoolMaxBytes = try value(nil, "ATRIUM_SPOOL_MAX_BYTES").map { text throws(ConfigurationError) in
            try Self.parseByteCount(text, variable: "ATRIUM_SPOOL_MAX_BYTES")
        } ?? spoolMaxBytes
        trustedProxies = try value(nil, "ATRIUM_TRUSTED_PROXIES").map { text throws(ConfigurationError) in
            try TrustedProxies.parse(text)
        } ?? TrustedProxies()
        mqtt = try MQTTIngestSettings.parse { value(nil, $0) }
    }

    /// A positive duration: seconds as a number, or with a unit: `500ms`, `10s`, `2m`, `1h`.
    public static func parseDuration(_ text: String, variable: String) throws(ConfigurationError) -> Duration {
        let lower = text.lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        var number = Substring(lower)
        var scale = 1.0
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            number = lower.dropLast(suffix.count)
            scale = factor
            break
        }
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite, value > 0,
              value * scale <= 86_400 * 3660 else {
            throw .malformed(variable: variable, reason: "'\(text.prefix(32))' is not a positive duration such as 10, 500ms, 10s or 2m")
        }
        return .nanoseconds(Int64((value * scale * 1e9).rounded()))
    }

    /// Bytes as a plain number or with a binary suffix: `1073741824`, `512M`, `1G`, `64K`.
    static func parseByteCount(_ text: String, variable: String) throws(ConfigurationError) -> Int64 {
        let units: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = Substring(text.uppercased())
        if digits.hasSuffix("IB") { digits = digits.dropLast(2) } else if digits.hasSuffix("B") { digits = digits.dropLast() }
        var multiplier: Int64 = 1
        if let last = digits.last, let unit = units[last] {
            multiplier = unit
            digits = digits.dropLast()
        }
        guard let number = Int64(digits.trimmingCharacters(in: .whitespaces)), number > 0 else {
            throw .malformed(variable: variable, reason: "'\(text.prefix(32))' is not a positive size such as 1073741824, 512M or 1G")
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { throw .malformed(variable: variable, reason: "'\(text.prefix(32))' is too large") }
        return bytes
    }

    /// Parses `host:port`, `[v6]:port` or a bare `:port`.
    static func parseListen(_ text: String) throws(ConfigurationError) -> (String, Int) {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw .malformed(variable: "ATRIUM_LISTEN", reason: "expected [ipv6]:port")
            }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw .malformed(variable: "ATRIUM_LISTEN", reason: "expected host:port, e.g. 127.0.0.1:8080")
            }
            host = text[..<colon].isEmpty ? "0.0.0.0" : text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard let number = Int(port), (0...65535).contains(number) else {
            throw .malformed(variable: "ATRIUM_LISTEN", reason: "port '\(port)' is not a number from 0 to 65535")
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace }) else {
            throw .malformed(variable: "ATRIUM_LISTEN", reason: "host is empty")
        }
        return (String(host), number)
    }
}
