import Foundation
import Logging
import PostgresNIO
import Testing
@testable import TwinStore

@Suite("Migrations against real PostgreSQL", .enabled(if: TestDatabase.available, "\(TestDatabase.skipMessage)"))
struct MigratorTests {
    let logger = Logger(label: "test")

    @Test func appliesEveryMigrationOnceAndEnablesPostGIS() async throws {
        let migrations = try Migration.load(from: TestDatabase.migrationsDirectory)
        #expect(migrations.first?.version == 1)
        try await TestDatabase.with { database in
            let migrator = Migrator(client: database.client, migrations: migrations, logger: logger)
            let first = try await migrator.migrate()
            #expect(first.map(\.version) == migrations.map(\.version))
            let second = try await migrator.migrate()
            #expect(second.isEmpty)
            let rows = try await database.client.query("SELECT postgis_version()")
            var version = ""
            for try await value in rows.decode(String.self) { version = value }
            #expect(version.hasPrefix("3."))
            let recorded = try await migrator.appliedVersions()
            #expect(recorded.count == migrations.count)
        }
    }

    @Test func refusesWhenAnAppliedFileChanged() async throws {
        try await TestDatabase.with { database in
            let original = [Migration(version: 1, name: "a", sql: "CREATE TABLE a (id int);")]
            try await Migrator(client: database.client, migrations: original, logger: logger).migrate()
            let edited = [Migration(version: 1, name: "a", sql: "CREATE TABLE a (id bigint);")]
            await #expect(throws: MigrationError.checksumMismatch(version: 1, name: "a")) {
                try await Migrator(client: database.client, migrations: edited, logger: logger).migrate()
            }
        }
    }

    @Test func failedMigrationLeavesNothingBehind() async throws {
        try await TestDatabase.with { database in
            let migrations = [
                Migration(version: 1, name: "ok", sql: "CREATE TABLE ok (id int);"),
                Migration(version: 2, name: "broken", sql: "CREATE TABLE half (id int);\nSELECT * FROM missing_table;"),
            ]
            let migrator = Migrator(client: database.client, migrations: migrations, logger: logger)
            await #expect(throws: MigrationError.self) { try await migrator.migrate() }
            #expect(try await migrator.appliedVersions().keys.sorted() == [1])
            let rows = try await database.client.query("SELECT to_regclass('half') IS NULL")
            for try await absent in rows.decode(Bool.self) { #expect(absent) }
        }
    }

    @Test func concurrentRunsApplyEachMigrationExactlyOnce() async throws {
        try await TestDatabase.with { database in
            // A slow first migration widens the window in which two runners would race without the lock.
            let migrations = [
                Migration(version: 1, name: "slow", sql: "SELECT pg_sleep(0.3); CREATE TABLE once (id int);"),
                Migration(version: 2, name: "next", sql: "CREATE TABLE twice_not (id int);"),
            ]
            let results = try await withThrowingTaskGroup(of: [Migrator.Applied].self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await Migrator(client: database.client, migrations: migrations, logger: logger).migrate()
                    }
                }
                var all: [[Migrator.Applied]] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(results.map(\.count).sorted() == [0, 0, 2])
        }
    }

    @Test func rejectsMisnamedFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("SELECT 1;".utf8).write(to: directory.appendingPathComponent("1_bad.sql"))
        #expect(throws: MigrationError.badFileName("1_bad.sql")) { try Migration.load(from: directory) }
    }
}
