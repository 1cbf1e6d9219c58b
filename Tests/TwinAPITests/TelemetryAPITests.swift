import DurableSpool
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import TwinDomain
import TwinServices
import TwinStore
@testable import TwinAPI

/// Points and readings through the real router over PostGIS and a real spool on disk.
@Suite("Telemetry API", .serialized, .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct TelemetryAPITests {
    struct Rig: Sendable {
        let twin: TwinHarness
        let spool: DurableSpool
        let drain: ReadingDrain
        let application: Application<RouterResponder<AtriumRequestContext>>
    }

    static func with(spoolBytes: UInt64 = 64 << 20, _ body: @Sendable (Rig) async throws -> Void) async throws {
        try await TwinHarness.with { h in
            var logger = Logger(label: "telemetry-test")
            logger.logLevel = .warning
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-spool-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            var options = SpoolOptions()
            options.maxBytes = spoolBytes
            options.segmentSize = 1 << 20
            let spool = try DurableSpool(directory: directory, options: options)
            let points = PointDirectory(repository: h.store, reloadInterval: .zero)
            var dependencies = h.dependencies
            dependencies.twin?.telemetry = TelemetryService(twin: h.store, telemetry: h.store, directory: points, logger: logger)
            dependencies.twin?.ingest = ReadingIngestService(spool: spool, directory: points, retention: .seconds(400 * 86_400), logger: logger)
            let application = Application(router: try buildValidatedRouter(dependencies: dependencies).router)
            try await body(Rig(twin: h, spool: spool, drain: ReadingDrain(spool: spool, repository: h.store, logger: logger),
                               application: application))
            try? spool.close()
        }
    }

    static func post(_ client: some TestClientProtocol, _ body: String, type: String, token: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: "/v1/readings", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: type],
                                 body: ByteBuffer(string: body)) { ($0.status, $0.body.jsonObject ?? [:]) }
    }

    @Test func pointsIngestHistoryAndLatestValues() async throws {
        try await Self.with { rig in
            let assets = try await rig.twin.assetIDs(site: rig.twin.siteA)
            let rack = try #require(assets["R1"])
            try await rig.application.test(.router) { client in
                let fm = try await client.login("fmA").access
                let created = try await client.json("/v1/points", .post, token: fm, body: [
                    "asset_id": rack.id.uuidString.lowercased(), "name": "R1 inlet", "quantity": "temperature", "unit": "°F",
                    "external_key": "r1-inlet", "thresholds": ["warn_high": 27, "alarm_high": 32]])
                #expect(created.status == .created, "\(String(buffer: created.body))")
                let point = try #require(created.body.jsonObject)
                let pointID = try #require(point["id"] as? String)
                #expect(point["floor_id"] as? String == rack.floorID?.uuidString.lowercased(), "placed where its asset is")
                #expect(point["unit"] as? String == "°F" && point["canonical_unit"] as? String == "°C")
                #expect(try await rig.twin.security.auditRows(action: "point.create").count == 1)

                let now = Int(Date().timeIntervalSince1970)
                let batch = """
                    [{"key":"r1-inlet","ts":\(now - 120),"value":68},
                     {"key":"r1-inlet","ts":\(now - 60),"value":77, "unit":"°F"},
                     {"point":"\(pointID)","ts":\(now),"value":25,"unit":"°C"},
                     {"key":"nope","value":1},
                     {"key":"r1-inlet","ts":\(now + 3600),"value":70},
                     {"key":"r1-inlet","value":70,"unit":"kW"},
                     {"key":"r1-inlet","value":"hot"},
                     {"key":"r1-inlet","value":9999}]
                    """
                let (status, report) = try await Self.post(client, batch, type: "application/json", token: fm)
                #expect(status == .accepted)
                #expect(report["accepted"] as? Int == 3 && report["refused"] as? Int == 5)
                let codes = (report["refusals"] as? [[String: Any]] ?? []).map { "\($0["item"] ?? "")=\($0["code"] ?? "")" }
                #expect(codes == ["3=unknown_point", "4=future_timestamp", "5=unit_mismatch", "6=invalid_value", "7=out_of_range"], "\(codes)")

                // NDJSON and CSV go the same way; replays add nothing once drained.
                let ndjson = "{\"key\":\"r1-inlet\",\"ts\":\(now - 180),\"value\":20,\"unit\":\"°C\"}\n{oops\n"
                let nd = try await Self.post(client, ndjson, type: "application/x-ndjson", token: fm)
                #expect(nd.0 == .accepted && nd.1["accepted"] as? Int == 1 && nd.1["refused"] as? Int == 1)
                let csv = "external_key,ts,value,unit\nr1-inlet,\(now - 240),19.5,°C\n"
                #expect(try await Self.post(client, csv, type: "text/csv", token: fm).0 == .accepted)
                #expect(try await Self.post(client, csv, type: "text/csv", token: fm).0 == .accepted)
                #expect(try await rig.drain.drainOnce() == 6, "six spooled (the CSV twice); the store keeps five")
                #expect(rig.spool.backlog.records == 0)

                let history = try await client.json("/v1/points/\(pointID)/readings?from=\(now - 600)&to=\(now + 1)", .get, token: fm)
                #expect(history.status == .ok)
                let samples = try #require(history.body.jsonObject?["samples"] as? [[String: Any]])
                #expect(samples.compactMap { $0["value"] as? Double } == [19.5, 20, 20, 25, 25], "°F converted, the CSV replay stored once")
                let minutes = try await client.json("/v1/points/\(pointID)/readings?from=\(now - 600)&to=\(now + 60)&interval=1m&agg=max",
                                                    .get, token: fm)
                #expect((minutes.body.jsonObject?["samples"] as? [[String: Any]])?.isEmpty == false)
                let csvOut = try await client.execute(uri: "/v1/points/\(pointID)/readings?from=\(now - 600)&to=\(now + 1)&format=csv",
                                                      method: .get, headers: [.authorization: "Bearer \(fm)"]) { ($0.headers[.contentType], String(buffer: $0.body)) }
                #expect(csvOut.0?.hasPrefix("text/csv") == true && csvOut.1.hasPrefix("time,value,count\r\n"))

                let latest = try await client.json("/v1/assets/\(rack.id.uuidString.lowercased())/telemetry", .get, token: fm)
                let item = try #require((latest.body.jsonObject?["items"] as? [[String: Any]])?.first)
                #expect(item["value"] as? Double == 25 && item["unit"] as? String == "°C")
                let floor = try await client.json("/v1/floors/\(rack.floorID!.uuidString.lowercased())/telemetry", .get, token: fm)
                #expect((floor.body.jsonObject?["items"] as? [[String: Any]])?.count == 1)
                let listed = try await client.json("/v1/points?asset=\(rack.id.uuidString.lowercased())&quantity=temperature", .get, token: fm)
                #expect(listed.body.jsonArrayItems.count == 1)
            }
        }
    }

    @Test func ingestIsScopedPermittedAndRefusesBadDocuments() async throws {
        try await Self.with { rig in
            let assets = try await rig.twin.assetIDs(site: rig.twin.siteA)
            try await rig.application.test(.router) { client in
                let fm = try await client.login("fmA").access
                let viewer = try await client.login("viewerA").access
                _ = try await client.json("/v1/points", .post, token: fm, body: [
                    "asset_id": assets["R1"]!.id.uuidString.lowercased(), "name": "R1 power", "quantity": "power", "external_key": "r1-p"])
                #expect(try await Self.post(client, "[]", type: "application/json", token: viewer).0 == .forbidden)
                // A key of site B cannot write site A's point: it does not exist for it.
                let admin = try await client.login("admin").access
                let key = try await client.json("/v1/api-keys", .post, token: admin, body: [
                    "name": "gateway-b", "site_id": rig.twin.security.siteB.uuidString.lowercased(), "permissions": ["readings.ingest"]])
                let secret = try #require(key.body.jsonObject?["key"] as? String)
                let (status, report) = try await Self.post(client, #"[{"key":"r1-p","value":100}]"#, type: "application/json", token: secret)
                #expect(status == .unprocessableContent)
                #expect((report["refusals"] as? [[String: Any]])?.first?["code"] as? String == "unknown_point")
                // Whole-document errors are 400 with a position; unknown types 415.
                let broken = try await Self.post(client, "[{\"key\":\"r1-p\",\"value\":1},", type: "application/json", token: fm)
                #expect(broken.0 == .badRequest)
                #expect((broken.1["detail"] as? String)?.contains("line 1") == true)
                #expect(try await Self.post(client, "x", type: "application/xml", token: fm).0 == .unsupportedMediaType)
                #expect(rig.spool.backlog.records == 0, "nothing refused was spooled")
            }
        }
    }

    @Test func aFullSpoolAnswers503AndKeepsNothingOfTheBatch() async throws {
        try await Self.with(spoolBytes: 1 << 20) { rig in
            let assets = try await rig.twin.assetIDs(site: rig.twin.siteA)
            try await rig.application.test(.router) { client in
                let fm = try await client.login("fmA").access
                _ = try await client.json("/v1/points", .post, token: fm, body: [
                    "asset_id": assets["R1"]!.id.uuidString.lowercased(), "name": "R1 power", "quantity": "power", "external_key": "r1-p"])
                let now = Int64(Date().timeIntervalSince1970) * 1_000_000
                func batch(_ offset: Int64) -> String {
                    "external_key,ts,value\n" + (0..<20_000).map { "r1-p,\(now - 86_400_000_000 + (offset + Int64($0)) * 1000),\($0)" }.joined(separator: "\n")
                }
                var statuses: [HTTPResponse.Status] = []
                var retryAfter: String?
                for round in 0..<4 {
                    let response = try await client.execute(uri: "/v1/readings", method: .post,
                                                            headers: [.authorization: "Bearer \(fm)", .contentType: "text/csv"],
                                                            body: ByteBuffer(string: batch(Int64(round) * 20_000))) { ($0.status, $0.headers[.retryAfter]) }
                    statuses.append(response.0)
                    if response.0 == .serviceUnavailable { retryAfter = response.1 }
                }
                #expect(statuses.contains(.serviceUnavailable), "\(statuses)")
                #expect(retryAfter != nil)
                let accepted = statuses.filter { $0 == .accepted }.count
                #expect(try await rig.drain.drainOnce() == accepted * 20_000, "exactly the accepted batches, nothing of the refused")
                #expect(try await Self.post(client, batch(100_000), type: "text/csv", token: fm).0 == .accepted, "room again once drained")
            }
        }
    }

    /// Telemetry reads are scoped like assets: another site's caller sees 404, an auditor 403.
    @Test func telemetryReadsAreScopedLikeAssets() async throws {
        try await Self.with { rig in
            let assets = try await rig.twin.assetIDs(site: rig.twin.siteA)
            let rack = try #require(assets["R1"])
            try await rig.application.test(.router) { client in
                let fm = try await client.login("fmA").access
                let created = try await client.json("/v1/points", .post, token: fm, body: [
                    "asset_id": rack.id.uuidString.lowercased(), "name": "R1 power", "quantity": "power"])
                let pointID = try #require(created.body.jsonObject?["id"] as? String)
                let routes = ["/v1/points/\(pointID)", "/v1/points/\(pointID)/readings",
                              "/v1/assets/\(rack.id.uuidString.lowercased())/telemetry",
                              "/v1/floors/\(rack.floorID!.uuidString.lowercased())/telemetry"]
                let other = try await client.login("viewerB1").access
                let auditor = try await client.login("auditor").access
                for route in routes {
                    #expect(try await client.json(route, .get, token: fm).status == .ok, "\(route)")
                    #expect(try await client.json(route, .get, token: other).status == .notFound, "\(route)")
                    #expect(try await client.json(route, .get, token: auditor).status == .forbidden, "\(route)")
                    #expect(try await client.json(route, .get).status == .unauthorized, "\(route)")
                }
                #expect(try await client.json("/v1/points", .get, token: other).body.jsonArrayItems.isEmpty)
                let viewer = try await client.login("viewerA").access
                #expect(try await client.json("/v1/points", .post, token: viewer, body: ["site_id": rig.twin.security.siteA.uuidString,
                                                                                         "name": "x", "quantity": "power"]).status == .forbidden)
            }
        }
    }

    /// Bodies in memory at once are bounded across connections; a lone batch always fits.
    @Test func ingestBodyBudgetBoundsConcurrentBodies() {
        let budget = IngestBodyBudget(limit: 100)
        #expect(budget.reserve(60))
        #expect(!budget.reserve(50), "would hold 110 of 100")
        #expect(budget.reserve(40))
        budget.release(60)
        budget.release(40)
        #expect(budget.inUse == 0)
        #expect(budget.reserve(500), "a batch larger than the budget still goes through alone")
        #expect(!budget.reserve(1))
        budget.release(500)
    }
}
