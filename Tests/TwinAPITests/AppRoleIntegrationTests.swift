import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Testing
import TwinDomain
import TwinServices
import TwinStore
@testable import TwinAPI

/// The server's database role (`atrium_app`, migration 0002) can run Atrium but
/// cannot rewrite history: UPDATE / DELETE / TRUNCATE on `audit_log` fail on
/// privileges, before the append-only trigger is even reached.
@Suite("Application database role", .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct AppRoleIntegrationTests {
    @Test func appRoleServesButCannotUpdateOrDeleteAuditRows() async throws {
        try await SecurityHarness.with { h in
            // A throw-away login that is a member of atrium_app (as a production login would be);
            // trust auth on loopback, as in tools/test and the shared dev server.
            let login = "t_app_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased())"
            try await h.database.client.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(login) LOGIN IN ROLE atrium_app"))
            var url = try #require(SecurityHarness.serverURL).with(database: try await Self.currentDatabase(h))
            url.username = login
            let logger: Logger = {
                var logger = Logger(label: "test.app-role")
                logger.logLevel = .warning
                return logger
            }()
            let appDatabase = PostGISDatabase(url: url, maximumConnections: 4, logger: logger)
            let outcome: Result<Void, any Error>
            do {
                try await appDatabase.whileRunning {
                    let appStore = PostgresSecurityStore(database: appDatabase, hasher: SHA256AuditChainHasher())
                    let services = await SecurityServices.make(store: appStore, keys: h.keys, settings: AuthSettings(bcryptCost: 4),
                                                               logger: logger)
                    let router = try buildValidatedRouter(dependencies: APIDependencies(probes: [], services: [], security: services)).router
                    // Through the app role: login (reads users, appends audit), an audited admin write, audit reads.
                    try await Application(router: router).test(.router) { client in
                        let admin = try await client.login("admin").access
                        let created = try await client.json("/v1/users", .post, token: admin, body: [
                            "name": "via-app-role", "password": SecurityHarness.password, "role": "viewer",
                            "site_id": h.siteA.uuidString])
                        #expect(created.status == .created)
                        let auditor = try await client.login("auditor").access
                        let verify = try await client.json("/v1/audit/verify", .get, token: auditor)
                        #expect(verify.body.jsonObject?["ok"] as? Bool == true)
                    }
                    #expect(try await h.auditRows(action: "user.create").count == 1)
                    for statement in ["UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 1",
                                      "DELETE FROM audit_log WHERE seq = 1", "TRUNCATE audit_log"] {
                        do {
                            try await appDatabase.client.query(PostgresQuery(unsafeSQL: statement))
                            Issue.record("\(statement) succeeded through atrium_app")
                        } catch let error as PSQLError {
                            #expect(error.serverInfo?[.sqlState] == "42501", "\(statement)")
                            // The privilege check, not the trigger ("audit_log is append-only …").
                            let message = error.serverInfo?[.message] ?? ""
                            #expect(message.contains("permission denied for table audit_log"), "\(statement): \(message)")
                        }
                    }
                    // The owner's session still meets the trigger (defence in depth).
                    do {
                        try await h.database.client.query("UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 1")
                        Issue.record("UPDATE succeeded through the owner")
                    } catch let error as PSQLError {
                        #expect(error.serverInfo?[.message]?.contains("append-only") == true)
                    }
                }
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            try await h.database.client.query(PostgresQuery(unsafeSQL: "DROP ROLE IF EXISTS \(login)"))
            try outcome.get()
        }
    }

    static func currentDatabase(_ h: SecurityHarness) async throws -> String {
        let rows = try await h.database.client.query("SELECT current_database()")
        for try await name in rows.decode(String.self) { return name }
        throw HarnessError.notConfigured
    }
}
