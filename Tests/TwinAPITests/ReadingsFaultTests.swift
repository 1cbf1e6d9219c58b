import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Zero loss with real processes: `atrium serve` ingesting a steady stream (batches of 5,000 as
/// fast as the build answers, up to 10 a second) over its own PostgreSQL cluster, which is stopped
/// for 30 s and restarted, then the server is SIGKILLed and restarted. Batches that were not answered 202 are sent again (what any client does), and the
/// database must then hold exactly the readings sent: none lost, none duplicated.
@Suite("Readings survive a database outage and kill -9", .serialized,
       .enabled(if: ReadingsFaultEnvironment.available, "needs the atrium executable, PostgreSQL binaries and ATRIUM_TEST_MONGODB_URI (tools/test)"))
struct ReadingsFaultTests {
    static var repository: URL { ReadingsFaultEnvironment.repository }

    /// Runs a shell command with tools/lib/services.sh sourced (pg_start, pg_stop, as_pg). Output
    /// goes to a file, not a pipe, and the shell first closes every descriptor it inherited beyond
    /// stdio: a PostgreSQL started by the script would otherwise hold one of Foundation's, and the
    /// shell's exit would never be noticed (measured: the handler never ran).
    @discardableResult
    static func shell(_ script: String) async throws -> (Int32, String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-fault-sh-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        let closeInherited = "for fd in $(ls /proc/$$/fd); do [ \"$fd\" -gt 2 ] && eval \"exec $fd>&-\" 2>/dev/null; done"
        process.arguments = ["-c", "\(closeInherited); source '\(repository.path)/tools/lib/services.sh' >/dev/null 2>&1; { \(script) ; } >'\(log.path)' 2>&1 </dev/null"]
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    static func freePort() -> Int { Int.random(in: 40_000...49_000) }

    /// The server process, replaced on restart; used from the test's own task only.
    final class Server {
        var process: Process?
        let environment: [String: String]
        let log: URL

        init(environment: [String: String], log: URL) {
            self.environment = environment
            self.log = log
        }

        func start() throws {
            let process = Process()
            process.executableURL = AtriumExecutable.url
            process.arguments = ["serve"]
            process.environment = environment
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            handle.seekToEndOfFile()
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            self.process = process
        }

        func kill9() {
            guard let process else { return }
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            self.process = nil
        }

        func stop() {
            guard let process else { return }
            process.terminate()
            process.waitUntilExit()
            self.process = nil
        }
    }

    static func request(_ url: URL, method: String = "GET", token: String? = nil, body: Data? = nil,
                        type: String = "application/json") async -> (Int, Data) {
        var request = URLRequest(url: url, timeoutInterval: 20)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue(type, forHTTPHeaderField: "Content-Type") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        } catch {
            return (0, Data())
        }
    }

    static func waitReady(_ base: URL, seconds: Int = 120) async throws {
        for _ in 0..<(seconds * 5) {
            if await request(base.appendingPathComponent("health/live")).0 == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("the server did not come up")
    }

    @Test func aStreamThroughAnOutageAndAKillLosesAndDuplicatesNothing() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-fault-\(UUID().uuidString.prefix(8))")
        let pgData = work.appendingPathComponent("pg").path
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        // Whatever happens, the private cluster is stopped and the work directory removed.
        var failure: (any Error)?
        do { try await outageAndKill(work: work, pgData: pgData) } catch { failure = error }
        _ = try? await Self.shell("pg_stop '\(pgData)'")
        try? FileManager.default.removeItem(at: work)
        if let failure { throw failure }
    }

    func outageAndKill(work: URL, pgData: String) async throws {
        let pgPort = Self.freePort()
        let started = try await Self.shell("ATRIUM_PG_FSYNC=off pg_start '\(pgData)' \(pgPort) && psql -q -h 127.0.0.1 -p \(pgPort) -U atrium -d postgres -c 'CREATE DATABASE fault'")
        try #require(started.0 == 0, "private PostgreSQL: \(started.1)")
        let databaseURL = "postgres://atrium@127.0.0.1:\(pgPort)/fault?sslmode=disable"
        let httpPort = Self.freePort()
        var environment = ProcessInfo.processInfo.environment
        environment["ATRIUM_DATABASE_URL"] = databaseURL
        environment["ATRIUM_MONGODB_URI"] = environment["ATRIUM_TEST_MONGODB_URI"]
        environment["ATRIUM_DATA_DIR"] = work.appendingPathComponent("data").path
        environment["ATRIUM_LISTEN"] = "127.0.0.1:\(httpPort)"
        environment["ATRIUM_BCRYPT_COST"] = "4"
        environment["ATRIUM_LOG_LEVEL"] = "warning"
        environment["ATRIUM_MIGRATIONS_DIR"] = Self.repository.appendingPathComponent("Migrations").path
        let atrium = try #require(AtriumExecutable.url).path
        func sh(_ command: String) async throws -> (Int32, String) {
            try await Self.shell("export ATRIUM_DATABASE_URL='\(databaseURL)' ATRIUM_MIGRATIONS_DIR='\(environment["ATRIUM_MIGRATIONS_DIR"]!)'; \(command)")
        }
        try #require(try await sh("'\(atrium)' migrate").0 == 0)
        let site = try await sh("psql -qAt '\(databaseURL)' -c \"INSERT INTO sites (id, name) VALUES (gen_random_uuid(), 'F') RETURNING id\"").1
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(try await sh("printf 'fault staple river 42\\n' | ATRIUM_BCRYPT_COST=4 '\(atrium)' user add ops --role admin --password-stdin").0 == 0)

        let server = Server(environment: environment, log: work.appendingPathComponent("server.log"))
        try server.start()
        defer { server.stop() }
        let base = URL(string: "http://127.0.0.1:\(httpPort)/")!
        try await Self.waitReady(base)
        func login() async throws -> String {
            let login = await Self.request(base.appendingPathComponent("v1/auth/login"), method: "POST",
                                           body: Data(#"{"username":"ops","password":"fault staple river 42"}"#.utf8))
            return try #require((try? JSONSerialization.jsonObject(with: login.1) as? [String: Any])?["access_token"] as? String)
        }
        var token = try await login()
        let point = await Self.request(base.appendingPathComponent("v1/points"), method: "POST", token: token,
                                       body: Data(#"{"site_id":"\#(site)","name":"fault","quantity":"power","external_key":"fault-1"}"#.utf8))
        try #require(point.0 == 201, "\(String(decoding: point.1, as: UTF8.self))")

        // Batch b holds readings b*5000 ..< (b+1)*5000, 200 µs apart, value = index.
        let start = (Int64(Date().timeIntervalSince1970) - 3600) * 1_000_000
        func batch(_ b: Int) -> Data {
            let items = (b * 5000..<(b + 1) * 5000).map { #"{"key":"fault-1","ts":\#(start + Int64($0) * 200),"value":\#($0)}"# }
            return Data(("[" + items.joined(separator: ",") + "]").utf8)
        }
        var unanswered: [Int] = []
        var refusals: [Int: Int] = [:]  // status → count, for the report
        var next = 0
        func send(for seconds: Double) async throws {
            let until = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
            while ContinuousClock.now < until {
                let tick = ContinuousClock.now
                let (status, _) = await Self.request(base.appendingPathComponent("v1/readings"), method: "POST", token: token, body: batch(next))
                if status != 202 {
                    unanswered.append(next)
                    refusals[status, default: 0] += 1
                }
                next += 1
                try await Task.sleep(until: tick + .milliseconds(100))  // at most 10 batches a second
            }
        }
        try await send(for: 5)
        try #require(try await Self.shell("pg_stop '\(pgData)'").0 == 0)
        let before = unanswered.count
        try await send(for: 30)  // the database is away: ingest keeps answering from the spool
        let outageRefusals = unanswered.count - before
        let outageStatuses = refusals
        try #require(try await Self.shell("ATRIUM_PG_FSYNC=off pg_start '\(pgData)' \(pgPort)").0 == 0)
        try await send(for: 5)
        server.kill9()
        try await send(for: 1)  // refused: nobody listens
        try server.start()
        try await Self.waitReady(base)
        token = try await login()  // the server signs with an ephemeral key: a restart needs a new token
        // What a client does with what was not answered 202: send it again.
        for b in unanswered {
            var status = 0
            for _ in 0..<5 where status != 202 {
                status = await Self.request(base.appendingPathComponent("v1/readings"), method: "POST", token: token, body: batch(b)).0
                if status != 202 { try await Task.sleep(for: .seconds(1)) }
            }
            #expect(status == 202)
        }
        let expected = next * 5000
        var stored = -1
        for _ in 0..<600 {
            stored = Int(try await sh("psql -qAt '\(databaseURL)' -c 'SELECT count(*) FROM readings'").1
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
            if stored == expected { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        // At most the request caught by the switch-over itself may be refused (503, retryable).
        #expect(outageRefusals <= 2, "ingest answered from the spool while PostgreSQL was down: \(outageStatuses)")
        print("fault test: \(next) batches of 5,000 sent in 41 s (\(next * 5000 / 41) readings/s), \(unanswered.count) not answered 202 and re-sent (statuses \(refusals)); \(stored) stored")
        #expect(stored == expected, "\(stored) stored of \(expected) sent")
        let check = try await sh("""
            psql -qAt '\(databaseURL)' -c "SELECT count(DISTINCT time), min(value)::int8, max(value)::int8, sum(value)::int8 FROM readings"
            """).1.trimmingCharacters(in: .whitespacesAndNewlines)
        let n = Int64(expected)
        #expect(check == "\(expected)|0|\(expected - 1)|\(n * (n - 1) / 2)", "every index exactly once: \(check)")
    }
}

enum ReadingsFaultEnvironment {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var available: Bool {
        AtriumExecutable.url != nil && ProcessInfo.processInfo.environment["ATRIUM_TEST_MONGODB_URI"] != nil
            && FileManager.default.fileExists(atPath: repository.appendingPathComponent("tools/lib/services.sh").path)
            && ProcessInfo.processInfo.environment["ATRIUM_SKIP_FAULT_TESTS"] == nil
    }
}
