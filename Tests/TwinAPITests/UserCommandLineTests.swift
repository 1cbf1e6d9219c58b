import Foundation
import PostgresNIO
import Testing
import TwinDomain
import TwinServices
import TwinStore

/// `atrium user add|passwd|disable|enable|grant|revoke`, run as the built binary
/// against a throw-away database, the way operators script it.
@Suite("atrium user (command line)", .serialized,
       .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"),
       .enabled(if: AtriumExecutable.url != nil, "needs the atrium executable next to the test bundle (swift build builds it) or ATRIUM_BIN"))
struct UserCommandLineTests {
    static var binary: URL? { AtriumExecutable.url }

    struct Run: Sendable {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs `atrium user …` with `stdin` and the database of `h`, without blocking a cooperative thread.
    static func atrium(_ arguments: [String], command: String = "user", stdin: String? = nil, database: String) async throws -> Run {
        let binary = try #require(binary)
        let server = try #require(ProcessInfo.processInfo.environment["ATRIUM_TEST_DATABASE_URL"])
        var components = try #require(URLComponents(string: server))
        components.path = "/" + database
        let process = Process()
        process.executableURL = binary
        process.arguments = [command] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["ATRIUM_DATABASE_URL"] = try #require(components.string)
        environment["ATRIUM_BCRYPT_COST"] = "4"
        environment["USER"] = "ops"
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            if let stdin { input.fileHandleForWriting.write(Data((stdin + "\n").utf8)) }
            try? input.fileHandleForWriting.close()
        }
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Run(status: status, output: out, error: err)
    }

    static func currentDatabase(_ h: SecurityHarness) async throws -> String {
        let rows = try await h.database.client.query("SELECT current_database()")
        for try await name in rows.decode(String.self) { return name }
        throw HarnessError.notConfigured
    }

    @Test func everySubcommandChangesTheDatabaseAndIsAudited() async throws {
        try await SecurityHarness.with { h in
            let db = try await Self.currentDatabase(h)
            let password = "orchid lantern 7 harbour"
            let siteA = h.siteA.uuidString, siteB = h.siteB.uuidString

            let add = try await Self.atrium(["add", "carol", "--role", "viewer", "--site", siteA, "--password-stdin"],
                                            stdin: password, database: db)
            #expect(add.status == 0, "\(add.error)")
            #expect(add.output.hasPrefix("created carol "))
            var carol = try #require(try await h.store.userForLogin(name: "carol"))
            #expect(carol.grants.map(\.role) == [.viewer])
            #expect(carol.grants.first?.target == .site(h.siteA))
            #expect(await PasswordHasher(cost: 4).verify(password, hash: carol.passwordHash))
            let version = carol.securityVersion

            let newPassword = "another orchid lantern 8"
            let passwd = try await Self.atrium(["passwd", "carol", "--password-stdin"], stdin: newPassword, database: db)
            #expect(passwd.status == 0, "\(passwd.error)")
            carol = try #require(try await h.store.userForLogin(name: "carol"))
            #expect(await PasswordHasher(cost: 4).verify(newPassword, hash: carol.passwordHash))
            #expect(carol.securityVersion > version)

            #expect(try await Self.atrium(["disable", "carol"], database: db).status == 0)
            #expect(try await h.store.userForLogin(name: "carol")?.disabled == true)
            #expect(try await Self.atrium(["enable", "carol"], database: db).status == 0)
            #expect(try await h.store.userForLogin(name: "carol")?.disabled == false)

            let grant = try await Self.atrium(["grant", "carol", "--role", "operator", "--site", siteB], database: db)
            #expect(grant.status == 0, "\(grant.error)")
            #expect(try await h.store.userForLogin(name: "carol")?.grants.contains { $0.role == .operator && $0.target == .site(h.siteB) } == true)
            let revoke = try await Self.atrium(["revoke", "carol", "--role", "operator", "--site", siteB], database: db)
            #expect(revoke.status == 0, "\(revoke.error)")
            #expect(try await h.store.userForLogin(name: "carol")?.grants.count == 1)

            // Every change is audited as the operator's system principal, never with a secret.
            let rows = try await h.store.auditRecords(AuditQuery(actorName: "cli:ops", limit: 100), visibleIn: .everything)
            #expect(Set(rows.map(\.entry.action)) == ["user.create", "user.password", "user.disable", "user.enable",
                                                       "grant.add", "grant.remove"])
            #expect(rows.allSatisfy { $0.entry.actorKind == "system" && $0.entry.outcome == .success })
            let text = rows.map { "\($0.entry.before ?? "") \($0.entry.after ?? "")" }.joined()
            #expect(!text.contains(password) && !text.contains(newPassword) && !text.contains("$2"))
        }
    }

    @Test func refusalsExitNonZeroAndChangeNothing() async throws {
        try await SecurityHarness.with { h in
            let db = try await Self.currentDatabase(h)
            // Weak password (policy), unknown role, missing --password-stdin, building without site, unknown user.
            let attempts: [([String], String?)] = [
                (["add", "weak", "--role", "viewer", "--password-stdin"], "password1234"),
                (["add", "odd", "--role", "wizard", "--password-stdin"], "orchid lantern 7 harbour"),
                (["add", "nostdin", "--role", "viewer"], nil),
                (["add", "b", "--role", "viewer", "--building", h.buildingA1.uuidString, "--password-stdin"], "orchid lantern 7 harbour"),
                (["disable", "nobody-here"], nil),
                (["revoke", "viewerA", "--role", "admin"], nil),
            ]
            for (arguments, stdin) in attempts {
                let run = try await Self.atrium(arguments, stdin: stdin, database: db)
                #expect(run.status != 0, "\(arguments)")
                #expect(!run.error.isEmpty, "\(arguments)")
            }
            for name in ["weak", "odd", "nostdin", "b"] {
                #expect(try await h.store.userForLogin(name: name) == nil)
            }
            #expect(try await h.store.userForLogin(name: "viewerA")?.grants.count == 1)
            // The password never appears in what the command prints.
            let run = try await Self.atrium(["add", "weak2", "--role", "viewer", "--password-stdin"], stdin: "password1234", database: db)
            #expect(!run.error.contains("password1234") && !run.output.contains("password1234"))
        }
    }
}

/// The built `atrium` executable: `ATRIUM_BIN`, or beside the test bundle in .build/<config>/.
enum AtriumExecutable {
    static let url: URL? = {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [URL] = []
        if let explicit = environment["ATRIUM_BIN"] { candidates.append(URL(fileURLWithPath: explicit)) }
        if let executable = Bundle.main.executableURL {
            var directory = executable.deletingLastPathComponent()
            // The test bundle may be a directory (…/AtriumPackageTests.xctest/…) on some platforms.
            for _ in 0..<4 {
                candidates.append(directory.appendingPathComponent("atrium"))
                directory = directory.deletingLastPathComponent()
            }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}
