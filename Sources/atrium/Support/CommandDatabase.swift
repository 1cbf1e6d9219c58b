import ArgumentParser
import Foundation
import Logging
import TwinStore

/// The database an operator command works on: `--database-url` or `ATRIUM_DATABASE_URL`, with a
/// small pool and quiet logging.
enum CommandDatabase {
    static func open(_ flag: String?, label: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostGISDatabase {
        guard let raw = flag ?? environment["ATRIUM_DATABASE_URL"], !raw.isEmpty else {
            throw ValidationError("ATRIUM_DATABASE_URL is not set")
        }
        let url: PostgresURL
        do { url = try PostgresURL(raw) } catch { throw ValidationError("ATRIUM_DATABASE_URL: \(error)") }
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return PostGISDatabase(url: url, maximumConnections: 2, logger: logger)
    }
}
