import Foundation
import Logging
import PostgresNIO
import TwinStore

/// A throw-away database on the server `tools/test` started, created per suite and dropped after.
struct TestDatabase {
    static let serverURL: PostgresURL? = ProcessInfo.processInfo.environment["ATRIUM_TEST_DATABASE_URL"]
        .flatMap { try? PostgresURL($0) }
    static var available: Bool { serverURL != nil }
    static let skipMessage = "needs PostgreSQL/PostGIS: run tools/test (it starts one and sets ATRIUM_TEST_DATABASE_URL)"

    static var migrationsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
    }

    /// Creates a fresh database, runs `body` with a running pool on it, drops it afterwards.
    static func with<T: Sendable>(
        _ body: @Sendable (PostGISDatabase) async throws -> T
    ) async throws -> T {
        guard let server = serverURL else { throw TestDatabaseError.notConfigured }
        let name = "t_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
        let logger = Logger(label: "test")
        let admin = PostGISDatabase(url: server, maximumConnections: 1, logger: logger)
        let database = PostGISDatabase(url: server.with(database: name), maximumConnections: 4, logger: logger)
        // A PostgresClient runs once, so one admin session covers both CREATE and DROP.
        return try await admin.whileRunning {
            try await admin.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            let result: Result<T, any Error>
            do {
                result = .success(try await database.whileRunning { try await body(database) })
            } catch {
                result = .failure(error)
            }
            _ = try? await admin.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            return try result.get()
        }
    }
}

enum TestDatabaseError: Error { case notConfigured }
