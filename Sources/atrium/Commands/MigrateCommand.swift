import ArgumentParser
import Foundation
import Logging
import TwinStore

/// `atrium migrate`: applies pending `Migrations/NNNN_name.sql` files and exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations (safe to run from several instances at once)."
    )

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (ATRIUM_DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("migrations"), help: "Folder of NNNN_name.sql files (ATRIUM_MIGRATIONS_DIR).")
    var migrationsDirectory: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let raw = databaseURL ?? environment["ATRIUM_DATABASE_URL"], !raw.isEmpty else {
            throw ValidationError("ATRIUM_DATABASE_URL is not set (for example postgres://atrium@127.0.0.1:5432/atrium)")
        }
        let url: PostgresURL
        do { url = try PostgresURL(raw) } catch { throw ValidationError("ATRIUM_DATABASE_URL: \(error)") }
        let logger: Logger = {
            var logger = Logger(label: "atrium.migrate")
            logger.logLevel = .info
            return logger
        }()
        let directory = migrationsDirectory.map { URL(fileURLWithPath: $0) } ?? MigrationsLocator.directory()
        let migrations = try Migration.load(from: directory)
        let database = PostGISDatabase(url: url, maximumConnections: 2, logger: logger)
        let applied = try await database.whileRunning {
            try await Migrator(client: database.client, migrations: migrations, logger: logger).migrate()
        }
        if applied.isEmpty {
            print("Schema is current (\(migrations.count) migrations) at \(url.redacted).")
        } else {
            for item in applied { print("applied \(String(format: "%04d", item.version))_\(item.name)") }
        }
    }
}
