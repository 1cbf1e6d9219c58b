import ArgumentParser
import Foundation
import TwinServices

/// Flags shared by commands that talk to the stores; each falls back to its `ATRIUM_*` variable.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .long, help: "host:port to listen on (ATRIUM_LISTEN, default 127.0.0.1:8080).")
    var listen: String?

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (ATRIUM_DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("mongodb-uri"), help: "MongoDB URI (ATRIUM_MONGODB_URI).")
    var mongoDBURI: String?

    @Option(name: .customLong("data-dir"), help: "Data directory (ATRIUM_DATA_DIR, default .atrium/data).")
    var dataDirectory: String?

    @Option(name: .customLong("log-level"), help: "trace|debug|info|notice|warning|error|critical (ATRIUM_LOG_LEVEL).")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "text|json (ATRIUM_LOG_FORMAT).")
    var logFormat: String?

    /// Resolves flags and environment, turning a bad value into a usage error that names it.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AtriumConfiguration {
        do {
            return try AtriumConfiguration(
                environment: environment,
                overrides: .init(
                    listen: listen, databaseURL: databaseURL, mongoDBURI: mongoDBURI,
                    dataDirectory: dataDirectory, logLevel: logLevel, logFormat: logFormat
                )
            )
        } catch {
            throw ValidationError(error.description)
        }
    }
}
