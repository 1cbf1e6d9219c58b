import AlarmCore
import DurableSpool
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing
import TwinDomain
import TwinServices
import TwinStore
@testable import TwinAPI

/// Alarms end to end on real PostgreSQL and a real spool: readings posted over HTTP, drained,
/// evaluated by the alarm engine, alarms listed, acknowledged and rolled up over HTTP.
@Suite("Alarms API", .serialized, .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct AlarmAPITests {
    /// The engine's clock, moved by the test.
    final class Clock: Sendable {
        let micros = Mutex<Int64>(0)
        func set(_ value: Int64) { micros.withLock { $0 = value } }
        var now: Int64 { micros.withLock { $0 } }
    }

    struct Rig: Sendable {
        let twin: TwinHarness
        let spool: DurableSpool
        let drain: ReadingDrain
        let monitor: AlarmMonitor
        let clock: Clock
        let logger: Logger
        let application: Application<RouterResponder<AtriumRequestContext>>

        /// A second engine over the same database: what a restarted server starts with.
        func restartedMonitor() -> AlarmMonitor {
            let clock = self.clock
            return AlarmMonitor(store: twin.store, logger: logger, now: { clock.now })
        }
    }

    static func with(_ body: @Sendable (Rig) async throws -> Void) async throws {
        try await TwinHarness.with { h in
            var logger = Logger(label: "alarm-test")
            logger.logLevel = .warning
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-spool-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            var options = SpoolOptions()
            options.segmentSize = 1 << 20
            let spool = try DurableSpool(directory: directory, options: options)
            let points = PointDirectory(repository: h.store, reloadInterval: .zero)
            let clock = Clock()
            let monitor = AlarmMonitor(store: h.store, logger: logger, now: { clock.now })
            var dependencies = h.dependencies
            dependencies.twin?.telemetry = TelemetryService(twin: h.store, telemetry: h.store, directory: points, logger: logger)
            dependencies.twin?.ingest = ReadingIngestService(spool: spool, directory: points, retention: .seconds(400 * 86_400), logger: logger)
            dependencies.twin?.alarms = AlarmService(store: h.store, logger: logger, now: { clock.now })
            dependencies.twin?.alarmRules = AlarmRuleService(store: h.store, monitor: monitor, logger: logger)
            dependencies.twin?.webhooks = WebhookService(store: h.store, logger: logger)
            let application = Application(router: try buildValidatedRouter(dependencies: dependencies).router)
            try await body(Rig(twin: h, spool: spool, drain: ReadingDrain(spool: spool, repository: h.store, observer: monitor, logger: logger),
                               monitor: monitor, clock: clock, logger: logger, application: application))
            try? spool.close()
        }
    }

    /// Posts `[(seconds after t0, °C)]` for `key` and drains them through the engine.
    static func send(_ rig: Rig, _ client: some TestClientProtocol, token: String, key: String, t0: Int,
                     _ values: [(Int, Double)]) async throws {
        let items = values.map { #"{"key":"\#(key)","ts":\#(t0 + $0.0),"value":\#($0.1)}"# }.joined(separator: ",")
        let status = try await client.execute(uri: "/v1/readings", method: .post,
                                              headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                              body: ByteBuffer(string: "[\(items)]")) { $0.status }
        #expect(status == .accepted)
        try await rig.drain.drainOnce()
    }

    /// Creates a temperature point on rack R1 and loads the engine (which provisions the
    /// site's shipped default rule).
    static func rackInletPoint(_ rig: Rig, _ client: some TestClientProtocol, token: String, key: String = "r1-inlet") async throws -> String {
        let rack = try #require(try await rig.twin.assetIDs(site: rig.twin.siteA)["R1"])
        let created = try await client.json("/v1/points", .post, token: token, body: [
            "asset_id": rack.id.uuidString.lowercased(), "name": "R1 inlet", "quantity": "temperature", "external_key": key,
            "expected_interval_s": 60])
        #expect(created.status == .created)
        try await rig.monitor.load()
        return try #require(created.body.jsonObject?["id"] as? String)
    }

    static func alarms(_ client: some TestClientProtocol, token: String, query: String = "") async throws -> [[String: Any]] {
        try await client.json("/v1/alarms\(query)", .get, token: token).body.jsonArrayItems
    }

    @Test("warning after its on-delay, critical, back to warning only past the deadband, no flapping, cleared, acknowledged; health, scope and audit")
    func lifeCycle() async throws {
        try await Self.with { rig in
            try await rig.application.test(.router) { client in
                let fm = try await client.login("fmA").access
                let outsider = try await client.login("viewerB1").access
                let pointID = try await Self.rackInletPoint(rig, client, token: fm)
                let rules = try await client.json("/v1/alarm-rules", .get, token: fm).body.jsonArrayItems
                #expect(rules.map { $0["name"] as? String } == [AlarmMonitor.defaultRuleName], "the shipped default, once")
                #expect(rules.first?["origin"] as? String == "default")
                let building = try #require(rig.twin.siteA.buildingIDs.first).uuidString.lowercased()
                let t0 = Int(Date().timeIntervalSince1970) - 3_000

                // 28 °C every minute: the warning waits its 5 minutes.
                try await Self.send(rig, client, token: fm, key: "r1-inlet", t0: t0, [(0, 25), (60, 28), (120, 28), (180, 28), (240, 28)])
                #expect(try await Self.alarms(client, token: fm).isEmpty, "4 minutes above 27 °C is not yet 5")
                try await Self.send(rig, client, token: fm, key: "r1-inlet", t0: t0, [(300, 28), (360, 28)])
                var list = try await Self.alarms(client, token: fm)
                #expect(list.count == 1)
                #expect(list.first?["severity"] as? String == "minor" && list.first?["state"] as? String == "active")
                #expect(list.first?["point_id"] as? String == pointID)
                let alarmID = try #require(list.first?["id"] as? String)
                #expect(list.first?["raised_at"] as? String == TwinTimestamp.string(Date(timeIntervalSince1970: Double(t0 + 360))),
                        "confirmed by the reading 5 minutes after the first one above")

                // Critical at once; 31.5 is within the deadband of 32; 30.5 is not.
                try await Self.send(rig, client, token: fm, key: "r1-inlet", t0: t0, [(420, 33)])
                var health = try await client.json("/v1/buildings/\(building)/health", .get, token: fm).body.jsonObject
                #expect((health?["health"] as? [String: Any])?["thermal"] as? String == "HOT")
                #expect((health?["health"] as? [String: Any])?["status"] as? String == "critical")
                try await Self.send(rig, client, token: fm, key: "r1-inlet", t0: t0, [(480, 31.5)])
                #expect(try await Self.alarms(client, token: fm).first?["severity"] as? String == "critical")
                try await Self.send(rig, client, token: fm, key: "r1-inlet", t0: t0, [(540, 30.5)])
                list = try await Self.alarms(client, token: fm)
                #expect(list.count == 1 && list.first?["severity"] as? String == "minor")
                #expect(list.first?["peak_severity"] as? String == "critical")
                health = try await client.json("/v1/buildings/\(building)/health", .get, token: fm).body.jsonObject
                #expect((health?["health"] as? [String: Any])?["thermal"] as? String == "WARM")

                // ±0.3 °C around the limit for ten minutes: nothing changes.
                let wave = (0..<10).map { (600 + $0 * 60, $0.isMultiple(of: 2) ? 27.3 : 26.7) }
                try await Self.send(rig, client, token: fm, key: "r1-inlet", t0: t0, wave)
                list = try await Self.alarms(client, token: fm)
                #expect(list.count == 1 && list.first?["severity"] as? String == "minor" && list.first?["state"] as? String == "active")
                let raises = try await rig.twin.security.auditRows(action: "alarm.raise")
                let updates = try await rig.twin.security.auditRows(action: "alarm.update")
                #expect(raises.count == 1 && updates.count == 2, "raised once; critical and back: two updates, no flapping")

                // Below 26 °C: cleared, not yet acknowledged; acknowledging resolves it.
                try await Self.send(rig, client, token: fm, key: "r1-inlet", t0: t0, [(1_260, 25.9)])
                var alarm = try await client.json("/v1/alarms/\(alarmID)", .get, token: fm).body.jsonObject
                #expect(alarm?["state"] as? String == "cleared")
                health = try await client.json("/v1/buildings/\(building)/health", .get, token: fm).body.jsonObject
                #expect((health?["health"] as? [String: Any])?["thermal"] as? String == "OK")
                rig.clock.set(Int64(t0 + 1_300) * 1_000_000)
                let acknowledged = try await client.json("/v1/alarms/\(alarmID)/acknowledge", .post, token: fm, body: ["note": "fan replaced"])
                #expect(acknowledged.status == .ok)
                alarm = acknowledged.body.jsonObject
                #expect(alarm?["state"] as? String == "resolved" && alarm?["acknowledged_by"] as? String == "fmA")
                #expect(alarm?["time_to_acknowledge_s"] as? Double == 940 && alarm?["time_to_resolve_s"] as? Double == 940)
                #expect(try await client.json("/v1/alarms/\(alarmID)/acknowledge", .post, token: fm, body: [:]).status == .conflict)
                let audit = try await rig.twin.security.auditRows(action: "alarm.acknowledge")
                #expect(audit.count == 1 && (audit.first?.entry.after ?? "").contains("fan replaced"))
                #expect(try await rig.twin.security.auditRows(action: "alarm.clear").count == 1)

                // Filters, and another site's viewer sees none of it.
                #expect(try await Self.alarms(client, token: fm, query: "?state=resolved&severity=minor").count == 1)
                #expect(try await Self.alarms(client, token: fm, query: "?open=true").isEmpty)
                #expect(try await client.json("/v1/alarms?state=burning", .get, token: fm).status == .badRequest)
                #expect(try await Self.alarms(client, token: outsider).isEmpty)
                #expect(try await client.json("/v1/alarms/\(alarmID)", .get, token: outsider).status == .notFound)
                #expect(try await client.json("/v1/buildings/\(building)/health", .get, token: outsider).status == .notFound)
                #expect(try await client.json("/v1/alarm-rules", .get, token: outsider).body.jsonArrayItems.isEmpty)
            }
        }
    }

    @Test("an on-delay running when the server stops fires on time after the restart")
    func onDelaySurvivesRestart() async throws {
        try await Self.with { rig in
            try await rig.application.test(.router) { client in
                let fm = try await client.login("fmA").access
                _ = try await Self.rackInletPoint(rig, client, token: fm)
                let t0 = Int(Date().timeIntervalSince1970) - 3_000
                try await Self.send(rig, client, token: fm, key: "r1-inlet", t0: t0, [(0, 28), (60, 28), (120, 28)])
                #expect(try await Self.alarms(client, token: fm).isEmpty)

                // The server stops; a new one starts with nothing in memory but what was saved.
                let restarted = rig.restartedMonitor()
                rig.clock.set(Int64(t0 + 299) * 1_000_000)
                try await restarted.load()
                await restarted.tick()
                #expect(try await Self.alarms(client, token: fm).isEmpty, "299 s: not yet")
                rig.clock.set(Int64(t0 + 1_000) * 1_000_000)
                await restarted.tick()
                let list = try await Self.alarms(client, token: fm)
                #expect(list.count == 1)
                #expect(list.first?["raised_at"] as? String == TwinTimestamp.string(Date(timeIntervalSince1970: Double(t0 + 300))),
                        "when the 5 minutes ran out, not when the clock noticed")
            }
        }
    }

    @Test("a burst of breaches within a millisecond is one alarm; a stale point is raised by the clock")
    func burstAndStale() async throws {
        try await Self.with { rig in
            try await rig.application.test(.router) { client in
                let fm = try await client.login("fmA").access
                _ = try await Self.rackInletPoint(rig, client, token: fm)
                let t0 = Int(Date().timeIntervalSince1970) - 3_000
                let start = Double(t0)
                let burst = (0..<500).map { #"{"key":"r1-inlet","ts":\#(start + Double($0) / 1_000_000),"value":\#(33 + Double($0 % 7) / 10)}"# }
                let status = try await client.execute(uri: "/v1/readings", method: .post,
                                                      headers: [.authorization: "Bearer \(fm)", .contentType: "application/json"],
                                                      body: ByteBuffer(string: "[\(burst.joined(separator: ","))]")) { $0.status }
                #expect(status == .accepted)
                try await rig.drain.drainOnce()
                let list = try await Self.alarms(client, token: fm)
                #expect(list.count == 1 && list.first?["severity"] as? String == "critical")
                #expect(try await rig.twin.security.auditRows(action: "alarm.raise").count == 1)

                // A stale rule for the site: no reading for 3 × 60 s.
                let rule = try await client.json("/v1/alarm-rules", .post, token: fm, body: [
                    "site_id": rig.twin.security.siteA.uuidString.lowercased(), "name": "Communication lost",
                    "selector": ["quantity": "temperature"], "condition": ["type": "stale", "multiple": 3]])
                #expect(rule.status == .created, "\(String(buffer: rule.body))")
                rig.clock.set(Int64(t0 + 179) * 1_000_000)
                await rig.monitor.tick()
                #expect(try await Self.alarms(client, token: fm).count == 1, "179 s after the newest reading is not more than 3 × 60 s")
                rig.clock.set(Int64(t0 + 200) * 1_000_000)
                await rig.monitor.tick()
                let stale = try await Self.alarms(client, token: fm).filter { $0["severity"] as? String == "major" }
                #expect(stale.count == 1 && stale.first?["side"] as? String == "state")
            }
        }
    }

    @Test("rules: validation names the member, the most specific rule wins, escalation raises an unacknowledged alarm, delete removes its alarms")
    func rulesSpecificityEscalation() async throws {
        try await Self.with { rig in
            try await rig.application.test(.router) { client in
                let fm = try await client.login("fmA").access
                let viewer = try await client.login("viewerA").access
                let pointID = try await Self.rackInletPoint(rig, client, token: fm)
                let site = rig.twin.security.siteA.uuidString.lowercased()
                let inverted = try await client.json("/v1/alarm-rules", .post, token: fm, body: [
                    "site_id": site, "name": "Inverted", "selector": ["quantity": "temperature"],
                    "condition": ["type": "threshold", "bands": [["side": "high", "severity": "minor", "limit": 30],
                                                                 ["side": "high", "severity": "critical", "limit": 25]]]])
                #expect(inverted.status == .unprocessableContent)
                #expect((inverted.body.jsonObject?["errors"] as? [[String: Any]])?.first?["field"] as? String == "condition.bands")
                let negative = try await client.json("/v1/alarm-rules", .post, token: fm, body: [
                    "site_id": site, "name": "Negative", "selector": ["quantity": "temperature"],
                    "condition": ["type": "threshold", "deadband": -1, "bands": [["side": "high", "severity": "minor", "limit": 30]]]])
                #expect((negative.body.jsonObject?["errors"] as? [[String: Any]])?.first?["field"] as? String == "condition.deadband")
                #expect(try await client.json("/v1/alarm-rules", .post, token: viewer, body: [
                    "site_id": site, "name": "x", "selector": ["quantity": "temperature"],
                    "condition": ["type": "boolean"]]).status == .forbidden)

                // This point's own rule (20 °C, escalating after 60 s) beats the site default.
                let own = try await client.json("/v1/alarm-rules", .post, token: fm, body: [
                    "site_id": site, "name": "R1 inlet, strict", "selector": ["point_id": pointID],
                    "condition": ["type": "threshold", "deadband": 0.5, "bands": [["side": "high", "severity": "minor", "limit": 20]]],
                    "escalation": ["after_s": 60, "raise": true, "maximum": 1]])
                #expect(own.status == .created)
                let ownID = try #require(own.body.jsonObject?["id"] as? String)
                let t0 = Int(Date().timeIntervalSince1970) - 3_000
                try await Self.send(rig, client, token: fm, key: "r1-inlet", t0: t0, [(0, 22)])
                var list = try await Self.alarms(client, token: fm)
                #expect(list.count == 1 && list.first?["rule_id"] as? String == ownID)

                rig.clock.set(Int64(t0 + 61) * 1_000_000)
                await rig.monitor.tick()
                list = try await Self.alarms(client, token: fm)
                #expect(list.first?["severity"] as? String == "major" && list.first?["escalations"] as? Int == 1)
                #expect(try await rig.twin.security.auditRows(action: "alarm.escalate").count == 1)

                #expect(try await client.json("/v1/alarm-rules/\(ownID)", .delete, token: fm).status == .noContent)
                #expect(try await Self.alarms(client, token: fm).isEmpty)
                #expect(try await client.json("/v1/alarm-rules/\(ownID)", .get, token: fm).status == .notFound)
                #expect(try await rig.twin.security.auditRows(action: "alarm-rule.delete").count == 1)
            }
        }
    }
}
