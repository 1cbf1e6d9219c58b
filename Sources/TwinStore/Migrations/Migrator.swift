import Foundation
import Logging
import PostgresNIO

/// Applies `Migrations/NNNN_name.sql` in order, each inside its own transaction.
///
/// A session-level advisory lock serialises concurrent `atrium migrate` runs: the second
/// instance waits, then finds everything applied and does nothing. The bookkeeping table
/// `schema_migrations` is the one table created in code, because it must exist before the
/// first migration can be recorded.
public struct Migrator: Sendable {
    /// Arbitrary but fixed key ("ATRIUMMG" in ASCII) for `pg_advisory_lock`.
    public static let advisoryLockKey: Int64 = 0x4154_5249_554D_4D47

    public struct Applied: Sendable, Equatable {
        public let version: Int
        public let name: String
    }

    let client: PostgresClient
    let migrations: [Migration]
    let logger: Logger

    public init(client: PostgresClient, migrations: [Migration], logger: Logger) {
        self.client = client
        self.migrations = migrations
        self.logger = logger
    }

    /// Applies what is pending and returns it (empty when the schema was already current).
    @discardableResult
    public func migrate() async throws -> [Applied] {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.advisoryLockKey))", logger: logger)
            do {
                let applied = try await applyPending(on: connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))", logger: logger)
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))", logger: logger)
                throw error
            }
        }
    }

    /// Versions already recorded in the database, with their checksums.
    public func appliedVersions() async throws -> [Int: String] {
        try await client.withConnection { try await appliedChecksums(on: $0) }
    }

    private func applyPending(on connection: PostgresConnection) async throws -> [Applied] {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            logger: logger
        )
        let recorded = try await appliedChecksums(on: connection)
        let known = Set(migrations.map(\.version))
        if let stranger = recorded.keys.sorted().first(where: { !known.contains($0) }) {
            throw MigrationError.unknownAppliedVersion(stranger)
        }
        for migration in migrations {
            if let checksum = recorded[migration.version], checksum != migration.checksum {
                throw MigrationError.checksumMismatch(version: migration.version, name: migration.name)
            }
        }
        var applied: [Applied] = []
        for migration in migrations where recorded[migration.version] == nil {
            try await apply(migration, on: connection)
            applied.append(Applied(version: migration.version, name: migration.name))
        }
        return applied
    }

    private func apply(_ migration: Migration, on connection: PostgresConnection) async throws {
        let statements = SQLScript(migration.sql).statements
        logger.info("applying migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
        try await connection.query("BEGIN", logger: logger)
        do {
            for (index, statement) in statements.enumerated() {
                do {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                } catch let error as PSQLError {
                    throw MigrationError.statementFailed(
                        version: migration.version, name: migration.name, statement: index + 1,
                        message: error.serverInfo?[.message] ?? "\(error.code)"
                    )
                }
            }
            try await connection.query(
                """
                INSERT INTO schema_migrations (version, name, checksum)
                VALUES (\(Int32(migration.version)), \(migration.name), \(migration.checksum))
                """,
                logger: logger
            )
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private func appliedChecksums(on connection: PostgresConnection) async throws -> [Int: String] {
        let exists = try await connection.query(
            "SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger
        )
        for try await present in exists.decode(Bool.self) where !present { return [:] }
        var result: [Int: String] = [:]
        let rows = try await connection.query("SELECT version, checksum FROM schema_migrations", logger: logger)
        for try await (version, checksum) in rows.decode((Int32, String).self) {
            result[Int(version)] = checksum
        }
        return result
    }
}
