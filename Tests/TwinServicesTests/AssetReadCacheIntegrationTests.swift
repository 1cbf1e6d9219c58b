#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing
import TwinDomain
import TwinServices
import TwinStore

/// The asset read cache with the real change feed: migration 0005's triggers, `LISTEN
/// twin_changed` on its own connection, and writes from "another process" (plain SQL through the
/// application role on another connection), including a killed listener session.
@Suite("Asset read cache with the PostgreSQL change feed (integration)", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["ATRIUM_TEST_DATABASE_URL"] != nil,
                "needs PostgreSQL/PostGIS: run tools/test (it starts one and sets ATRIUM_TEST_DATABASE_URL)"))
struct AssetReadCacheIntegrationTests {
    static let serverURL: PostgresURL? = ProcessInfo.processInfo.environment["ATRIUM_TEST_DATABASE_URL"]
        .flatMap { try? PostgresURL($0) }
    static let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Migrations")
    static let admin = Principal.system(name: "cache-test")
    /// Generous: these bounds only catch a hang, they measure nothing.
    static let patience: Duration = .seconds(30)

    /// Records what the feed reported, next to the cache.
    final class Recorder: TwinChangeObserver {
        let events = Mutex<[TwinChangeEvent]>([])
        func twinChanged(_ event: TwinChangeEvent) { events.withLock { $0.append(event) } }
        var all: [TwinChangeEvent] { events.withLock { $0 } }
    }

    struct Fixture: Sendable {
        let database: PostGISDatabase
        let query: TwinQueryService
        let cache: AssetReadCache
        let recorder: Recorder
        let siteID: UUID
        let assetID: UUID

        /// A write as another process would make it: its own transaction, as `atrium_app`.
        func renameElsewhere(_ name: String) async throws {
            try await database.withTransaction { connection in
                try await connection.query("SET LOCAL ROLE atrium_app", logger: database.logger)
                try await connection.query("UPDATE assets SET name = \(name), revision = revision + 1 WHERE id = \(assetID)",
                                           logger: database.logger)
            }
        }

        func name(as principal: Principal = AssetReadCacheIntegrationTests.admin) async throws -> String? {
            try await query.asset(id: assetID, principal: principal)?.name
        }
    }

    static func poll(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + patience
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("gave up waiting (\(patience)) for: \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    static func withFixture(heartbeatTimeout: Duration = .seconds(5), _ body: @Sendable (Fixture) async throws -> Void) async throws {
        guard let server = serverURL else { return }
        let logger = Logger(label: "asset-cache-test")
        let name = "t_cache_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
        let admin = PostGISDatabase(url: server, maximumConnections: 1, logger: logger)
        let url = server.with(database: name)
        let database = PostGISDatabase(url: url, maximumConnections: 4, logger: logger)
        try await admin.whileRunning {
            try await admin.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            let result: Result<Void, any Error>
            do {
                try await database.whileRunning {
                    try await Migrator(client: database.client, migrations: try Migration.load(from: migrations), logger: logger).migrate()
                    let siteID = UUID(), assetID = UUID()
                    try await database.client.query("INSERT INTO sites (id, name) VALUES (\(siteID), 'Cache site')")
                    try await database.client.query(
                        "INSERT INTO assets (id, site_id, kind, name) VALUES (\(assetID), \(siteID), 'equipment', 'one')")
                    let cache = AssetReadCache(capacity: 100)
                    // Told first, so whatever a read through the cache shows, the recorder already has.
                    let recorder = Recorder()
                    let listener = TwinChangeListener(url: url, observers: [recorder, cache], initialBackoff: .milliseconds(50),
                                                      maximumBackoff: .milliseconds(500),
                                                      // Frequent, so heartbeats interleave with the notifications below.
                                                      heartbeatInterval: .milliseconds(20), heartbeatTimeout: heartbeatTimeout,
                                                      logger: logger)
                    let store = PostGISTwinStore(database: database, hasher: SHA256AuditChainHasher())
                    let fixture = Fixture(database: database, query: TwinQueryService(repository: store, documents: nil, assetCache: cache),
                                          cache: cache, recorder: recorder, siteID: siteID, assetID: assetID)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await listener.run() }
                        defer { group.cancelAll() }
                        try await body(fixture)
                    }
                }
                result = .success(())
            } catch {
                result = .failure(error)
            }
            _ = try? await admin.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            try result.get()
        }
    }

    @Test("another connection's committed change is seen through the cache; scope still applies on hits")
    func seesOtherProcessesWrites() async throws {
        try await Self.withFixture { f in
            try await Self.poll("the feed listens") { f.cache.isActive }
            #expect(try await f.name() == "one")
            #expect(try await f.name() == "one")
            #expect(f.cache.statistics.hits >= 1, "the second read must be served from the cache")

            // Hits apply the caller's scope: a viewer of another site gets nil, one of this site the asset.
            let outsider = Principal(userID: UUID(), name: "outsider", grants: [Grant(role: .viewer, target: .site(UUID()))])
            let insider = Principal(userID: UUID(), name: "insider", grants: [Grant(role: .viewer, target: .site(f.siteID))])
            #expect(try await f.name(as: outsider) == nil)
            #expect(try await f.name(as: insider) == "one")

            try await f.renameElsewhere("two")
            try await Self.poll("the rename from another connection is read") { try await f.name() == "two" }
            #expect(f.recorder.all.contains(.changed(tables: ["assets"])))

            // A rolled-back write notifies nobody and changes nothing. Counted from the feed's own
            // reports, which a heartbeat reset on a loaded machine does not add to.
            let changesBefore = f.recorder.all.count { $0 == .changed(tables: ["assets"]) }
            do {
                try await f.database.withTransaction { connection in
                    try await connection.query("UPDATE assets SET name = 'never' WHERE id = \(f.assetID)", logger: f.database.logger)
                    throw CancellationError()
                }
            } catch {}
            #expect(try await f.name() == "two")
            try await f.renameElsewhere("three")      // ordered after the rollback on the same feed
            try await Self.poll("the next rename is read and reported") {
                try await f.name() == "three" && f.recorder.all.count { $0 == .changed(tables: ["assets"]) } > changesBefore
            }
            #expect(f.recorder.all.count { $0 == .changed(tables: ["assets"]) } == changesBefore + 1,
                    "the rolled-back UPDATE must not have notified")
        }
    }

    @Test("every table the building cache is built from is on the feed (migrations 0005 and 0014)")
    func buildingTablesNotify() async throws {
        try await Self.withFixture { f in
            try await Self.poll("the feed listens") { f.cache.isActive }
            for table in BuildingReadCache.tables.sorted() {
                // A statement-level trigger fires even when no row matches.
                try await f.database.client.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE false"))
                try await Self.poll("a statement on \(table) is reported") {
                    f.recorder.all.contains(.changed(tables: [table]))
                }
            }
        }
    }

    @Test("a killed listener session: reads stay correct while it is down, then the feed recovers")
    func survivesListenerLoss() async throws {
        try await Self.withFixture { f in
            try await Self.poll("the feed listens") { f.cache.isActive }
            #expect(try await f.name() == "one")
            #expect(try await f.name() == "one")

            let killed = try await f.database.client.query("""
                SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity
                WHERE application_name = \(TwinChangeListener.applicationName) AND datname = current_database()
                """)
            var count = 0
            for try await value in killed.decode(Int.self) { count = value }
            #expect(count == 1)

            // Written while the feed is down or reconnecting: must still be read, never the cached "one".
            try await f.renameElsewhere("while-down")
            try await Self.poll("the write made while the feed was down is read") { try await f.name() == "while-down" }
            try await Self.poll("the feed reports the loss and listens again") {
                let events = f.recorder.all
                guard let lost = events.firstIndex(of: .reset(listening: false)) else { return false }
                return events[lost...].contains(.reset(listening: true)) && f.cache.isActive
            }

            // Recovered: caching resumes and the next change from elsewhere is seen again.
            // Polled rather than read twice: on a loaded machine a late heartbeat may end a session
            // in between, which flushes the entry; what must hold is that caching resumes.
            try await Self.poll("after the reconnect reads are cached again") {
                let hits = f.cache.statistics.hits
                return try await f.name() == "while-down" && f.cache.statistics.hits == hits + 1
            }
            try await f.renameElsewhere("after")
            try await Self.poll("the rename after the reconnect is read") { try await f.name() == "after" }
        }
    }

    /// Kills landing at random points of the session (just after `LISTEN`, mid-heartbeat, between
    /// heartbeats) must each be reported. One in about a hundred used to land where a heartbeat
    /// was written to the already-closed connection, which PostgresNIO never answers, and the feed
    /// stayed "listening" on a dead session for good. `ATRIUM_LISTENER_KILL_ROUNDS` runs more.
    @Test("listener sessions killed at random moments are each reported and replaced")
    func repeatedKills() async throws {
        let rounds = ProcessInfo.processInfo.environment["ATRIUM_LISTENER_KILL_ROUNDS"].flatMap(Int.init) ?? 40
        try await Self.withFixture { f in
            for round in 0..<rounds {
                try await Self.poll("the feed listens (round \(round))") { f.cache.isActive }
                let lost = f.recorder.all.count { $0 == .reset(listening: false) }
                try await Task.sleep(for: .microseconds(Int.random(in: 0..<30_000)))
                let killed = try await f.database.client.query("""
                    SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity
                    WHERE application_name = \(TwinChangeListener.applicationName) AND datname = current_database()
                    """)
                for try await _ in killed.decode(Int.self) {}
                try await Self.poll("the loss is reported (round \(round))") {
                    f.recorder.all.count { $0 == .reset(listening: false) } > lost
                }
                guard f.recorder.all.count(where: { $0 == .reset(listening: false) }) > lost else { return }
            }
            try await Self.poll("the feed listens after the last kill") { f.cache.isActive }
            try await f.renameElsewhere("after-kills")
            try await Self.poll("a rename after the kills is read") { try await f.name() == "after-kills" }
        }
    }

    /// A session that neither answers nor closes (a frozen server, a partition: here the listening
    /// backend stopped with SIGSTOP) is found only by the heartbeat. Needs the server on this
    /// machine, as `tools/test` starts it (it sets ATRIUM_TEST_PG_DATA).
    @Test("a frozen listener session is dropped by the heartbeat, reads bypass the cache meanwhile, and a new session listens",
          .enabled(if: ProcessInfo.processInfo.environment["ATRIUM_TEST_PG_DATA"] != nil,
                   "needs the PostgreSQL server on this machine (tools/test sets ATRIUM_TEST_PG_DATA)"))
    func frozenSession() async throws {
        try await Self.withFixture(heartbeatTimeout: .milliseconds(500)) { f in
            try await Self.poll("the feed listens") { f.cache.isActive }
            #expect(try await f.name() == "one")
            let rows = try await f.database.client.query("""
                SELECT pid FROM pg_stat_activity
                WHERE application_name = \(TwinChangeListener.applicationName) AND datname = current_database()
                """)
            var pids: [Int32] = []
            for try await pid in rows.decode(Int32.self) { pids.append(pid) }
            let frozen = try #require(pids.count == 1 ? pids.first : nil, "one listening session, found \(pids)")
            let lostBefore = f.recorder.all.count { $0 == .reset(listening: false) }
            guard kill(frozen, SIGSTOP) == 0 else {
                Issue.record("cannot stop backend \(frozen) (errno \(errno)): run as the server's user or root")
                return
            }
            // Resumed whatever happens, so the database can be dropped; its socket is closed by then.
            defer { kill(frozen, SIGCONT) }

            try await f.renameElsewhere("while-frozen")
            try await Self.poll("the write made while the session was frozen is read") { try await f.name() == "while-frozen" }
            try await Self.poll("the heartbeat reports the loss and a new session listens") {
                let events = f.recorder.all
                guard events.count(where: { $0 == .reset(listening: false) }) > lostBefore,
                      let lost = events.lastIndex(of: .reset(listening: false)) else { return false }
                return events[lost...].contains(.reset(listening: true)) && f.cache.isActive
            }
            try await f.renameElsewhere("after-thaw")
            try await Self.poll("a rename through the new session is read") { try await f.name() == "after-thaw" }
        }
    }
}
