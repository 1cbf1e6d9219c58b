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

    static let password = "delay staple river 42"

    @Test func onDelaySurvivesAKilledServer() async throws {
        try await ServerProcessDatabase.with(prefix: "t_ondelay", password: Self.password) { try await scenario($0) }
    }

    func scenario(_ database: ServerProcessDatabase) async throws {
        let (work, site, databaseURL) = (database.work, database.site, database.url)
        var environment = database.environment
        environment["ATRIUM_DATA_DIR"] = work.appendingPathComponent("data").path
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
        let token = try await database.login(url, password: Self.password)
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
            let count = try await database.sh("psql -qAt '\(databaseURL)' -c \"SELECT count(*) FROM alarm_conditions WHERE rule_id = '\(ruleID)'\"").1
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
