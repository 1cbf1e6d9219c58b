import Foundation
import Testing

/// A database of its own on the test server, migrated, with a site and an admin, for tests that
/// run real `atrium serve` processes on it: the environment those processes get (one token key
/// file, so every process accepts the others' tokens), and `sh` for psql and the CLI against it.
struct ServerProcessDatabase {
    typealias Fault = ReadingsFaultTests

    let url: String
    let work: URL
    let site: String
    let environment: [String: String]

    /// Creates the database and a work folder, prepares them, runs `body`, and drops both whatever happened.
    static func with(prefix: String, password: String, _ body: (ServerProcessDatabase) async throws -> Void) async throws {
        let server = try #require(ProcessInfo.processInfo.environment["ATRIUM_TEST_DATABASE_URL"])
        let name = "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))"
        let base = String(server.prefix { $0 != "?" })
        let query = server.dropFirst(base.count)
        let url = String(base[..<(base.lastIndex(of: "/") ?? base.endIndex)] + "/\(name)" + query)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try #require(try await Fault.shell("psql -q '\(server)' -c 'CREATE DATABASE \(name)'").0 == 0)
        var failure: (any Error)?
        do {
            try await body(try await prepare(url: url, work: work, password: password))
        } catch {
            failure = error
        }
        _ = try? await Fault.shell("psql -q '\(server)' -c 'DROP DATABASE IF EXISTS \(name) WITH (FORCE)'")
        try? FileManager.default.removeItem(at: work)
        if let failure { throw failure }
    }

    static func prepare(url: String, work: URL, password: String) async throws -> ServerProcessDatabase {
        let atrium = try #require(AtriumExecutable.url).path
        var environment = ProcessInfo.processInfo.environment
        environment["ATRIUM_DATABASE_URL"] = url
        environment["ATRIUM_MONGODB_URI"] = environment["ATRIUM_TEST_MONGODB_URI"]
        environment["ATRIUM_BCRYPT_COST"] = "4"
        environment["ATRIUM_LOG_LEVEL"] = "warning"
        environment["ATRIUM_MIGRATIONS_DIR"] = Fault.repository.appendingPathComponent("Migrations").path
        let keyFile = work.appendingPathComponent("jwt.pem").path
        try #require(try await Fault.shell("openssl ecparam -name prime256v1 -genkey -noout -out '\(keyFile)'").0 == 0)
        environment["ATRIUM_JWT_KEYS_FILE"] = keyFile
        let shell = "export ATRIUM_DATABASE_URL='\(url)' ATRIUM_MIGRATIONS_DIR='\(environment["ATRIUM_MIGRATIONS_DIR"]!)'; "
        try #require(try await Fault.shell(shell + "'\(atrium)' migrate").0 == 0)
        let site = try await Fault.shell(shell + "psql -qAt '\(url)' -c \"INSERT INTO sites (id, name) VALUES (gen_random_uuid(), 'P') RETURNING id\"").1
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(try await Fault.shell(shell + "printf '\(password)\\n' | ATRIUM_BCRYPT_COST=4 '\(atrium)' user add ops --role admin --password-stdin").0 == 0)
        return ServerProcessDatabase(url: url, work: work, site: site, environment: environment)
    }

    /// A shell command with this database as the CLI's.
    func sh(_ command: String) async throws -> (Int32, String) {
        try await Fault.shell("export ATRIUM_DATABASE_URL='\(url)' ATRIUM_MIGRATIONS_DIR='\(environment["ATRIUM_MIGRATIONS_DIR"]!)'; \(command)")
    }

    /// An access token for the admin from `base`.
    func login(_ base: URL, password: String) async throws -> String {
        let login = await Fault.request(base.appendingPathComponent("v1/auth/login"), method: "POST",
                                        body: Data(#"{"username":"ops","password":"\#(password)"}"#.utf8))
        return try #require((try? JSONSerialization.jsonObject(with: login.1) as? [String: Any])?["access_token"] as? String)
    }
}
