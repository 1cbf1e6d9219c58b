import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A real `atrium serve` killed (SIGKILL) in the middle of a rule's on-delay; a new process on the
/// same database, with no reading since, raises the alarm at the moment the delay ran out.
@Suite("Alarm on-delay across a killed server", .serialized,
       .enabled(if: ReadingsFaultEnvironment.available && ProcessInfo.processInfo.environment["ATRIUM_TEST_DATABASE_URL"] != nil,
                "needs the atrium executable, ATRIUM_TEST_DATABASE_URL and ATRIUM_TEST_MONGODB_URI (tools/test)"))
struct AlarmRestartProcessTests {
    typealias Fault = ReadingsFaultTests

    @Test func onDelaySurvivesAKilledServer() async throws {
        let server = try #require(ProcessInfo.processInfo.environment["ATRIUM_TEST_DATABASE_URL"])
        let name = "t_ondelay_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))"
        let base = String(server.prefix { $0 != "?" })
        let query = server.dropFirst(base.count)
        let databaseURL = base[..<(base.lastIndex(of: "/") ?? base.endIndex)] + "/\(name)" + query
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-ondelay-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try #require(try await Fault.shell("psql -q '\(server)' -c 'CREATE DATABASE \(name)'").0 == 0)
        var failure: (any Error)?
        do { try await scenario(databaseURL: String(databaseURL), work: work) } catch { failure = error }
        _ = try? await Fault.shell("psql -q '\(server)' -c 'DROP DATABASE IF EXISTS \(name) WITH (FORCE)'")
        try? FileManager.default.removeItem(at: work)
        if let failure { throw failure }
    }

    func scenario(databaseURL: String, work: URL) async throws {
        let atrium = try #require(AtriumExecutable.url).path
        var environment = ProcessInfo.processInfo.environment
        environment["ATRIUM_DATABASE_URL"] = databaseURL
        environment["ATRIUM_MONGODB_URI"] = environment["ATRIUM_TEST_MONGODB_URI"]
        environment["ATRIUM_BCRYPT_COST"] = "4"
        environment["ATRIUM_LOG_LEVEL"] = "warning"
        environment["ATRIUM_MIGRATIONS_DIR"] = Fault.repository.appendingPathComponent("Migrations").path
        // The restarted server must accept the first one's tokens.
        let keyFile = work.appendingPathComponent("jwt.pem").path
        try #require(try await Fault.shell("openssl ecparam -name prime256v1 -genkey -noout -out '\(keyFile)'").0 == 0)
        environment["ATRIUM_JWT_KEYS_FILE"] = keyFile
        environment["ATRIUM_DATA_DIR"] = work.appendingPathComponent("data").path
        func sh(_ command: String) async throws -> (Int32, String) {
            try await Fault.shell("export ATRIUM_DATABASE_URL='\(databaseURL)' ATRIUM_MIGRATIONS_DIR='\(environment["ATRIUM_MIGRATIONS_DIR"]!)'; \(command)")
        }
        try #require(try await sh("'\(atrium)' migrate").0 == 0)
        let site = try await sh("psql -qAt '\(databaseURL)' -c \"INSERT INTO sites (id, name) VALUES (gen_random_uuid(), 'D') RETURNING id\"").1
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(try await sh("printf 'delay staple river 42\\n' | ATRIUM_BCRYPT_COST=4 '\(atrium)' user add ops --role admin --password-stdin").0 == 0)

        let port = Fault.freePort()
        environment["ATRIUM_LISTEN"] = "127.0.0.1:\(port)"
        let url = URL(string: "http://127.0.0.1:\(port)/")!
        let first = Fault.Server(environment: environment, log: work.appendingPathComponent("first.log"))
        let second = Fault.Server(environment: environment, log: work.appendingPathComponent("second.log"))
        defer {
            first.stop()
            second.stop()
        }
        try first.start()
        try await Fault.waitReady(url)
        let login = await Fault.request(url.appendingPathComponent("v1/auth/login"), method: "POST",
                                        body: Data(#"{"username":"ops","password":"delay staple river 42"}"#.utf8))
        let token = try #require((try? JSONSerialization.jsonObject(with: login.1) as? [String: Any])?["access_token"] as? String)
        func json(_ path: String, _ method: String = "GET", _ body: String? = nil) async -> (Int, Any?) {
            let answer = await Fault.request(url.appendingPathComponent(path), method: method, token: token, body: body.map { Data($0.utf8) })
            return (answer.0, try? JSONSerialization.jsonObject(with: answer.1))
        }
        let point = await json("v1/points", "POST", #"{"site_id":"\#(site)","name":"inlet","quantity":"temperature","external_key":"inlet-1","expected_interval_s":60}"#)
        let pointID = try #require((point.1 as? [String: Any])?["id"] as? String, "\(point)")
        let delay = 12
        let rule = await json("v1/alarm-rules", "POST", #"""
            {"site_id":"\#(site)","name":"Inlet, 12 s","selector":{"point_id":"\#(pointID)"},
             "condition":{"type":"threshold","deadband":1,"bands":[{"side":"high","severity":"major","limit":27,"on_delay_s":\#(delay)}]}}
            """#)
        let ruleID = try #require((rule.1 as? [String: Any])?["id"] as? String, "\(rule)")

        // The breach: one reading above the limit, stamped now; the delay starts at its time.
        let breach = Int(Date().timeIntervalSince1970)
        #expect(await json("v1/readings", "POST", #"[{"key":"inlet-1","ts":\#(breach),"value":30}]"#).0 == 202)
        // Wait until the engine saved the running delay, then kill the server before it runs out.
        var saved = false
        for _ in 0..<100 where !saved {
            let count = try await sh("psql -qAt '\(databaseURL)' -c \"SELECT count(*) FROM alarm_conditions WHERE rule_id = '\(ruleID)'\"").1
            saved = count.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
            if !saved { try await Task.sleep(for: .milliseconds(50)) }
        }
        try #require(saved, "the condition state was saved")
        let alarmsBefore = await json("v1/alarms")
        first.kill9()
        try #require(Int(Date().timeIntervalSince1970) < breach + delay, "killed inside the on-delay (the machine was too slow to test it)")
        #expect(((alarmsBefore.1 as? [String: Any])?["items"] as? [Any])?.isEmpty == true, "nothing raised before the delay ran out")

        // A new process, no reading since: it raises the alarm when the delay ran out, not when it started.
        try second.start()
        try await Fault.waitReady(url)
        var raised: [String: Any]?
        for _ in 0..<240 where raised == nil {
            raised = ((await json("v1/alarms")).1 as? [String: Any]).flatMap { ($0["items"] as? [[String: Any]])?.first }
            if raised == nil { try await Task.sleep(for: .milliseconds(250)) }
        }
        let alarm = try #require(raised, "the restarted server raised the alarm")
        #expect(alarm["rule_id"] as? String == ruleID && alarm["severity"] as? String == "major")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let text = alarm["raised_at"] as? String ?? ""
        let at = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
        #expect(at.map { abs($0.timeIntervalSince1970 - Double(breach + delay)) < 0.001 } == true,
                "raised at the breach + \(delay) s, got \(text)")
    }
}
