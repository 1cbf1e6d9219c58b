import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import TwinDomain
import TwinServices
import TwinStore
import Testing
@testable import TwinAPI

/// A throw-away database with Atrium's migrations, seeded sites, buildings and
/// users of every role, plus the application built over it.
struct SecurityHarness: Sendable {
    static let serverURL: PostgresURL? = ProcessInfo.processInfo.environment["ATRIUM_TEST_DATABASE_URL"]
        .flatMap { try? PostgresURL($0) }
    static var available: Bool { serverURL != nil }
    static let skipMessage = "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"
    static let password = "violet staple river 42"

    static var migrationsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
    }

    let database: PostGISDatabase
    let store: PostgresSecurityStore
    let keys: JWTKeySet
    let services: SecurityServices
    let dependencies: APIDependencies
    let siteA: UUID, siteB: UUID, buildingA1: UUID, buildingB1: UUID
    /// Seeded users by name.
    let users: [String: UUID]
    /// The audit key (never the token key) and where checkpoints go: a temporary file and PostgreSQL.
    let auditSigner: AuditCheckpointSigner
    let checkpointFile: FileAuditCheckpointStore
    var checkpointStores: [any AuditCheckpointRepository] { [checkpointFile, PostgresAuditCheckpointStore(database: database)] }

    func checkpointService() -> AuditCheckpointService {
        AuditCheckpointService(store: store, signer: auditSigner, stores: checkpointStores, interval: .seconds(3600),
                               logger: database.logger)
    }

    /// Seeded accounts: name → grants.
    static func seedAccounts(siteA: UUID, siteB: UUID, buildingA1: UUID, buildingB1: UUID) -> [(String, [Grant])] {
        [
            ("admin", [Grant(role: .admin, target: .global)]),
            ("adminA", [Grant(role: .admin, target: .site(siteA))]),
            ("fmA", [Grant(role: .facilityManager, target: .site(siteA))]),
            ("viewerA", [Grant(role: .viewer, target: .site(siteA))]),
            ("auditor", [Grant(role: .auditor, target: .global)]),
            ("auditorA", [Grant(role: .auditor, target: .site(siteA))]),
            ("viewerB1", [Grant(role: .viewer, target: .building(buildingB1, site: siteB))]),
            ("opA1", [Grant(role: .operator, target: .building(buildingA1, site: siteA))]),
            ("bothSites", [Grant(role: .viewer, target: .site(siteA)), Grant(role: .viewer, target: .site(siteB))]),
        ]
    }

    static func with<T: Sendable>(_ body: @Sendable (SecurityHarness) async throws -> T) async throws -> T {
        guard let server = serverURL else { throw HarnessError.notConfigured }
        let name = "t_sec_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))"
        let logger: Logger = {
            var logger = Logger(label: "test")
            logger.logLevel = .warning
            return logger
        }()
        let admin = PostGISDatabase(url: server, maximumConnections: 1, logger: logger)
        try await admin.whileRunning {
            try await admin.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        let database = PostGISDatabase(url: server.with(database: name), maximumConnections: 8, logger: logger)
        let result: Result<T, any Error>
        do {
            result = .success(try await database.whileRunning {
                let migrations = try Migration.load(from: migrationsDirectory)
                try await Migrator(client: database.client, migrations: migrations, logger: logger).migrate()
                let harness = try await make(database: database, logger: logger)
                defer { try? FileManager.default.removeItem(at: harness.checkpointFile.url) }
                return try await body(harness)
            })
        } catch {
            result = .failure(error)
        }
        // A PostgresClient runs once: a second one for the drop.
        let dropper = PostGISDatabase(url: server, maximumConnections: 1, logger: logger)
        try await dropper.whileRunning {
            try await dropper.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        }
        return try result.get()
    }

    static var throttlePolicy: LoginThrottle.Policy {
        var policy = LoginThrottle.Policy()
        policy.baseDelay = 600
        return policy
    }

    static func make(database: PostGISDatabase, logger: Logger) async throws -> SecurityHarness {
        let store = PostgresSecurityStore(database: database, hasher: SHA256AuditChainHasher())
        let keys = try JWTKeySet(active: JWTKey(kid: "test-es", material: .p256Private(P256.Signing.PrivateKey())))
        let settings = AuthSettings(bcryptCost: 4)
        // The first backoff lasts ten minutes, not the product's one second: the throttle test's
        // requests after the sixth failure must land inside it however slow a loaded machine is.
        // Loaded from PEM as `atrium serve` loads it, so its kid is the one the public half derives.
        let auditSigner = AuditCheckpointSigner(keys: try JWTKeySet.parse(Data(P256.Signing.PrivateKey().pemRepresentation.utf8)))
        let checkpointFile = FileAuditCheckpointStore(url: FileManager.default.temporaryDirectory
            .appendingPathComponent("atrium-checkpoints-\(UUID().uuidString.lowercased()).jsonl"))
        let services = await SecurityServices.make(store: store, keys: keys, settings: settings,
                                                   throttle: LoginThrottle(policy: Self.throttlePolicy), auditSigner: auditSigner,
                                                   checkpointStores: [checkpointFile, PostgresAuditCheckpointStore(database: database)],
                                                   logger: logger)
        let siteA = UUID(), siteB = UUID(), buildingA1 = UUID(), buildingB1 = UUID()
        try await database.client.query("INSERT INTO sites (id, name) VALUES (\(siteA), 'Site A'), (\(siteB), 'Site B')")
        try await database.client.query("""
            INSERT INTO buildings (id, site_id, name) VALUES (\(buildingA1), \(siteA), 'A1'), (\(buildingB1), \(siteB), 'B1')
            """)
        let hash = try await PasswordHasher(cost: 4).hash(password)
        var users: [String: UUID] = [:]
        for (name, grants) in seedAccounts(siteA: siteA, siteB: siteB, buildingA1: buildingA1, buildingB1: buildingB1) {
            let id = UUID()
            users[name] = id
            try await store.withTransaction { tx in
                try await tx.insertUser(id: id, name: name, passwordHash: hash)
                for grant in grants { try await tx.insertGrant(userID: id, grant: grant) }
            }
        }
        return SecurityHarness(database: database, store: store, keys: keys, services: services,
                               dependencies: APIDependencies(probes: [], services: [], security: services),
                               siteA: siteA, siteB: siteB, buildingA1: buildingA1, buildingB1: buildingB1, users: users,
                               auditSigner: auditSigner, checkpointFile: checkpointFile)
    }

    /// The validated router, built fresh (routers are not Sendable).
    func built() throws -> (router: Router<AtriumRequestContext>, registry: RouteRegistry) {
        try buildValidatedRouter(dependencies: dependencies)
    }

    var application: some ApplicationProtocol {
        get throws { Application(router: try built().router) }
    }

    /// What a database owner can do: run statements past the append-only triggers.
    func asOwner(_ statements: [PostgresQuery]) async throws {
        let logger = database.logger
        try await database.client.withConnection { connection in
            _ = try await connection.query("SET session_replication_role = replica", logger: logger)
            for statement in statements { _ = try await connection.query(statement, logger: logger) }
            _ = try await connection.query("SET session_replication_role = origin", logger: logger)
        }
    }

    /// Creates an extra user directly (bypassing the API) for tests that consume one.
    func makeUser(_ name: String, grants: [Grant]) async throws -> UUID {
        let id = UUID()
        let hash = try await PasswordHasher(cost: 4).hash(Self.password)
        try await store.withTransaction { tx in
            try await tx.insertUser(id: id, name: name, passwordHash: hash)
            for grant in grants { try await tx.insertGrant(userID: id, grant: grant) }
        }
        return id
    }

    func auditRows(action: String) async throws -> [AuditRecord] {
        try await store.auditRecords(AuditQuery(action: action, limit: 1000), visibleIn: .everything)
    }
}

enum HarnessError: Error { case notConfigured, loginFailed(String, HTTPResponse.Status) }

/// One spelling of ids: every response an API test reads through `json(_:_:)` is scanned for
/// upper-case UUIDs in its body and headers (Location, Content-Location, Link), which would be a
/// second spelling of an id the rest of the API writes in lower case.
enum LowerCaseIDs {

    static func check(_ headers: HTTPFields, _ body: ByteBuffer, uri: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let uuid = /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/
        var texts = [String(buffer: body)]
        let named: [HTTPField.Name] = [.location, .contentLocation, HTTPField.Name("Link")!]
        for field in headers where named.contains(field.name) { texts.append(field.value) }
        for text in texts {
            for match in text.matches(of: uuid) {
                let id = String(text[match.range])
                // A request may name an id in upper case (clients do); only what the server writes counts,
                // so an id that appears in the request URI as sent is not held against the response.
                guard id != id.lowercased(), !uri.contains(id) else { continue }
                Issue.record("\(uri): the response spells an id in upper case: \(id)", sourceLocation: sourceLocation)
            }
        }
    }
}

extension TestClientProtocol {
    func json(_ uri: String, _ method: HTTPRequest.Method, token: String? = nil, body: Any? = nil,
              headers extra: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer) {
        var headers = extra
        if let token { headers[.authorization] = "Bearer " + token }
        var buffer: ByteBuffer?
        if let body {
            headers[.contentType] = "application/json"
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        }
        let response: (status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer) =
            try await execute(uri: uri, method: method, headers: headers, body: buffer) { response in
                (response.status, response.headers, response.body)
            }
        LowerCaseIDs.check(response.headers, response.body, uri: uri)
        return response
    }

    func login(_ name: String, password: String = SecurityHarness.password) async throws -> (access: String, refresh: String) {
        let response = try await json("/v1/auth/login", .post, body: ["username": name, "password": password])
        guard response.status == .ok,
              let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any],
              let access = object["access_token"] as? String, let refresh = object["refresh_token"] as? String else {
            throw HarnessError.loginFailed(name, response.status)
        }
        return (access, refresh)
    }
}

extension ByteBuffer {
    var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(readableBytesView))) as? [String: Any]
    }
}
