import DurableSpool
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import Logging
import NIOCore
import Synchronization
import Testing
import TwinDomain
import TwinServices
import WSClient
@testable import TwinAPI

/// Live overlays over a real loopback WebSocket: subscriptions by space and box with filters,
/// the snapshot first, then readings and alarm changes as the drain commits them, numbered;
/// another site's viewer gets nothing; malformed subscriptions get error frames.
@Suite("Live overlays", .serialized, .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct LiveOverlayTests {
    enum Failure: Error { case closedEarly }

    /// The API on a loopback port whose live clients hear `hub`.
    static func application(_ h: TwinHarness, hub: LiveEventHub) throws -> some ApplicationProtocol {
        var logger = Logger(label: "live-overlay-test")
        logger.logLevel = .warning
        var dependencies = h.dependencies
        dependencies.liveEvents = hub
        return try buildApplication(settings: APIServerSettings(host: "127.0.0.1", port: 0), dependencies: dependencies, logger: logger)
    }

    /// A server frame, which must be one of the messages `/asyncapi.json` documents.
    static func object(_ message: WebSocketMessage?, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        guard case .text(let text) = message else { throw Failure.closedEarly }
        let frame = (try JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        let problems = asyncAPIProblems(frame)
        #expect(problems.isEmpty, "frame not documented in /asyncapi.json: \(text.prefix(300)) \(problems.prefix(3))", sourceLocation: sourceLocation)
        return frame
    }

    /// Nothing when some documented server message's payload schema accepts `frame`.
    static func asyncAPIProblems(_ frame: [String: Any]) -> [String] {
        let document = (try? JSONSerialization.jsonObject(with: Data(AsyncAPIDocument.build().bytes))) as? [String: Any] ?? [:]
        let components = document["components"] as? [String: Any] ?? [:]
        let schemas = components["schemas"] as? [String: Any] ?? [:]
        let messages = components["messages"] as? [String: Any] ?? [:]
        var problems: [String] = []
        for entry in AsyncAPIDocument.serverMessages {
            guard let payload = (messages[entry.name] as? [String: Any])?["payload"] as? [String: Any] else { continue }
            let found = SchemaCheck(components: schemas).problems(frame, payload, at: "$")
            // A schema's required members pick the message; extra members are not allowed to pass silently.
            let required = Set(payload["required"] as? [String] ?? [])
            if found.isEmpty, Set(frame.keys) == required { return [] }
            problems += found.map { "\(entry.name): \($0)" }
        }
        return problems.isEmpty ? ["no message has exactly the members \(frame.keys.sorted())"] : problems
    }

    @Test("space and box subscriptions: snapshot, then readings and alarms in order with sequence numbers; scope and bad input")
    func overlays() async throws {
        try await TwinHarness.with { h in
            var logger = Logger(label: "live-overlay-test")
            logger.logLevel = .warning
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-spool-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            var options = SpoolOptions()
            options.segmentSize = 1 << 20
            let spool = try DurableSpool(directory: directory, options: options)
            defer { try? spool.close() }
            let hub = LiveEventHub()
            let livePoints = LivePointIndex(repository: h.store, maximumAge: .seconds(60), minimumReloadInterval: .zero)
            let liveAlarms = LiveAlarmPublisher(hub: hub, points: livePoints)
            let monitor = AlarmMonitor(store: h.store, logger: logger, live: liveAlarms)
            let drain = ReadingDrain(spool: spool, repository: h.store,
                                     observer: ReadingObservers([LiveReadingPublisher(hub: hub, points: livePoints), monitor]), logger: logger)
            let directoryIndex = PointDirectory(repository: h.store, reloadInterval: .zero)
            var dependencies = h.dependencies
            dependencies.liveEvents = hub
            dependencies.twin?.telemetry = TelemetryService(twin: h.store, telemetry: h.store, directory: directoryIndex, logger: logger)
            dependencies.twin?.ingest = ReadingIngestService(spool: spool, directory: directoryIndex, retention: .seconds(400 * 86_400),
                                                             logger: logger)
            dependencies.twin?.alarms = AlarmService(store: h.store, logger: logger, live: liveAlarms)
            dependencies.twin?.alarmRules = AlarmRuleService(store: h.store, monitor: monitor, logger: logger)
            dependencies.twin?.liveSnapshots = LiveSnapshots(points: livePoints, telemetry: h.store, alarms: h.store)
            let application = try buildApplication(settings: APIServerSettings(host: "127.0.0.1", port: 0), dependencies: dependencies,
                                                   logger: logger)
            let assets = try await h.assetIDs(site: h.siteA)
            let rack = try #require(assets["R1"])
            let hall1 = try #require(rack.spaceID)
            let building = try #require(rack.buildingID)
            try await application.test(.live) { client in
                let fm = try await client.login("fmA").access
                let viewer = try await client.login("viewerA").access
                let outsider = try await client.login("viewerB1").access
                let created = try await client.json("/v1/points", .post, token: fm, body: [
                    "asset_id": rack.id.uuidString.lowercased(), "name": "R1 inlet", "quantity": "temperature", "external_key": "r1-inlet"])
                let pointID = try #require(created.body.jsonObject?["id"] as? String)
                try await monitor.load()
                let t0 = Int(Date().timeIntervalSince1970) - 600
                let batch = #"[{"key":"r1-inlet","ts":\#(t0),"value":24.5}]"#
                #expect(try await client.execute(uri: "/v1/readings", method: .post,
                                                 headers: [.authorization: "Bearer \(fm)", .contentType: "application/json"],
                                                 body: ByteBuffer(string: batch)) { $0.status } == .accepted)
                try await drain.drainOnce()

                // Another site's viewer: the space is not found, nothing is subscribed.
                try await client.ws("/v1/live", configuration: WebSocketClientConfiguration(additionalHeaders: [.authorization: "Bearer " + outsider])) { inbound, outbound, _ in
                    var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    try await outbound.write(.text(#"{"subscribe":{"spaceId":"\#(hall1)"}}"#))
                    let refused = try Self.object(try await messages.next())
                    #expect((refused["error"] as? [String: Any])?["status"] as? Int == 404)
                    try await outbound.close(.normalClosure, reason: nil)
                }

                try await client.ws("/v1/live", configuration: WebSocketClientConfiguration(additionalHeaders: [.authorization: "Bearer " + viewer])) { inbound, outbound, _ in
                    var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    // Bad subscriptions: an inverted box, a box of five numbers, an unknown member.
                    for bad in [#"{"subscribe":{"buildingId":"\#(building)","box":[5,5,0,1,1,2]}}"#,
                                #"{"subscribe":{"buildingId":"\#(building)","box":[0,0,0,1,1]}}"#,
                                #"{"subscribe":{"spaceId":"\#(hall1)","colour":"red"}}"#,
                                #"{"subscribe":{"spaceId":"\#(hall1)","floorId":"\#(hall1)"}}"#] {
                        try await outbound.write(.text(bad))
                        let error = try Self.object(try await messages.next())
                        #expect((error["error"] as? [String: Any])?["status"] as? Int == 400, "\(bad)")
                    }

                    // Hall 1: the reply, then the snapshot with the point's newest value.
                    try await outbound.write(.text(#"{"subscribe":{"spaceId":"\#(hall1)","quantities":["temperature"]}}"#))
                    let subscribed = try Self.object(try await messages.next())
                    #expect(subscribed["subscribed"] != nil)
                    let snapshot = try #require(try Self.object(try await messages.next())["snapshot"] as? [String: Any])
                    let readings = snapshot["readings"] as? [[String: Any]] ?? []
                    #expect(readings.count == 1 && readings.first?["pointId"] as? String == pointID)
                    #expect((readings.first?["value"] as? NSNumber)?.doubleValue == 24.5)
                    // A box around R1 (at 2, 2, 0) and one around nothing.
                    try await outbound.write(.text(#"{"subscribe":{"buildingId":"\#(building)","box":[1,1,-1,3,3,3]}}"#))
                    #expect(try Self.object(try await messages.next())["subscribed"] != nil)
                    let boxSnapshot = try #require(try Self.object(try await messages.next())["snapshot"] as? [String: Any])
                    #expect((boxSnapshot["readings"] as? [[String: Any]])?.count == 1)
                    try await outbound.write(.text(#"{"subscribe":{"buildingId":"\#(building)","box":[15,5,0,16,6,1]}}"#))
                    #expect(try Self.object(try await messages.next())["subscribed"] != nil)
                    let empty = try #require(try Self.object(try await messages.next())["snapshot"] as? [String: Any])
                    #expect((empty["readings"] as? [[String: Any]])?.isEmpty == true)

                    // A reading above 32 °C: the reading, then the alarm the engine raised.
                    let hot = #"[{"key":"r1-inlet","ts":\#(t0 + 60),"value":33.5}]"#
                    _ = try await client.execute(uri: "/v1/readings", method: .post,
                                                 headers: [.authorization: "Bearer \(fm)", .contentType: "application/json"],
                                                 body: ByteBuffer(string: hot)) { $0.status }
                    try await drain.drainOnce()
                    var kinds: [String] = []
                    var sequences: [Int] = []
                    while kinds.count < 2 {
                        let frame = try Self.object(try await messages.next())
                        sequences.append(frame["seq"] as? Int ?? -1)
                        let event = try #require(frame["event"] as? [String: Any])
                        kinds.append(event["kind"] as? String ?? "")
                        if event["kind"] as? String == "reading" {
                            #expect(event["objectId"] as? String == pointID)
                            #expect(((event["data"] as? [String: Any])?["value"] as? NSNumber)?.doubleValue == 33.5)
                        } else {
                            #expect(((event["data"] as? [String: Any])?["severity"] as? String) == "critical")
                        }
                    }
                    #expect(kinds == ["reading", "alarm.raised"])
                    #expect(sequences == [11, 12], "numbered per connection: 4 errors, 3 replies and 3 snapshots came first")
                    try await outbound.close(.normalClosure, reason: nil)
                }
            }
        }
    }

    @Test("batching: what is pending leaves as one frames message, each frame documented and numbered in order")
    func batchedFrames() async throws {
        try await TwinHarness.with { h in
            let hub = LiveEventHub()
            let application = try Self.application(h, hub: hub)
            let siteA = h.security.siteA
            try await application.test(.live) { client in
                let viewer = try await client.login("viewerA").access
                let bearer = WebSocketClientConfiguration(additionalHeaders: [.authorization: "Bearer " + viewer])
                try await client.ws("/v1/live", configuration: bearer) { inbound, outbound, _ in
                    var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    /// The frames of the next message, each checked against the document.
                    func frames() async throws -> [[String: Any]] {
                        let list = try #require(try Self.object(try await messages.next())["frames"] as? [[String: Any]])
                        for frame in list { #expect(Self.asyncAPIProblems(frame).isEmpty, "\(frame)") }
                        return list
                    }
                    try await outbound.write(.text(#"{"configure":{"batch":true,"intervalMs":200}}"#))
                    var received = try await frames()
                    #expect((received.first?["configured"] as? [String: Any])?["batch"] as? Bool == true)
                    try await outbound.write(.text(#"{"subscribe":{"siteId":"\#(siteA)"}}"#))
                    while !received.contains(where: { $0["subscribed"] != nil }) { received += try await frames() }
                    for index in 0..<20 { hub.publish(LiveEvent(kind: "asset.changed", siteID: siteA, objectID: "e\(index)")) }
                    var messageCount = 0
                    while received.filter({ $0["event"] != nil }).count < 20 {
                        received += try await frames()
                        messageCount += 1
                    }
                    #expect(messageCount < 20, "events pending together leave together")
                    let ids = received.compactMap { ($0["event"] as? [String: Any])?["objectId"] as? String }
                    #expect(ids == (0..<20).map { "e\($0)" })
                    let sequences = received.compactMap { $0["seq"] as? Int }
                    #expect(sequences == Array(1...sequences.count), "one numbering, in order, across messages")
                    try await outbound.close(.normalClosure, reason: nil)
                }
            }
        }
    }

    @Test("a dropped client resumes its stream after the last frame it got, missing nothing; others cannot")
    func resumeAfterADrop() async throws {
        try await TwinHarness.with { h in
            let hub = LiveEventHub()
            let application = try Self.application(h, hub: hub)
            let siteA = h.security.siteA
            try await application.test(.live) { client in
                let viewer = try await client.login("viewerA").access
                let other = try await client.login("bothSites").access
                let bearer = WebSocketClientConfiguration(additionalHeaders: [.authorization: "Bearer " + viewer])
                let memo = Mutex<(stream: String, last: Int)>(("", 0))
                try await client.ws("/v1/live", configuration: bearer) { inbound, outbound, _ in
                    var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    try await outbound.write(.text(#"{"configure":{"resumeSeconds":5}}"#))
                    #expect((try Self.object(try await messages.next())["configured"] as? [String: Any])?["resumeSeconds"] as? Int == 5)
                    try await outbound.write(.text(#"{"subscribe":{"siteId":"\#(siteA)"}}"#))
                    let subscribed = try Self.object(try await messages.next())
                    let id = subscribed["stream"] as? String ?? ""
                    await hub.publish(LiveEvent(kind: "asset.changed", siteID: siteA, objectID: "seen"))
                    let seen = try Self.object(try await messages.next())
                    let number = seen["seq"] as? Int ?? 0
                    memo.withLock { $0 = (id, number) }
                    try await outbound.close(.goingAway, reason: nil)
                }
                let (stream, last) = memo.withLock { $0 }
                #expect(!stream.isEmpty && last == 3)
                // While nobody is connected, the stream keeps collecting.
                for index in 0..<3 { await hub.publish(LiveEvent(kind: "asset.changed", siteID: siteA, objectID: "missed-\(index)")) }
                // Someone else cannot take it over.
                try await client.ws("/v1/live", configuration: WebSocketClientConfiguration(additionalHeaders: [.authorization: "Bearer " + other])) { inbound, outbound, _ in
                    var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    try await outbound.write(.text(#"{"resume":{"stream":"\#(stream)","after":\#(last)}}"#))
                    #expect((try Self.object(try await messages.next())["error"] as? [String: Any])?["status"] as? Int == 410)
                    try await outbound.close(.normalClosure, reason: nil)
                }
                try await client.ws("/v1/live", configuration: bearer) { inbound, outbound, _ in
                    var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    try await outbound.write(.text(#"{"resume":{"stream":"\#(stream)","after":\#(last)}}"#))
                    var ids: [String] = []
                    var sequences: [Int] = []
                    for _ in 0..<3 {
                        let frame = try Self.object(try await messages.next())
                        sequences.append(frame["seq"] as? Int ?? -1)
                        ids.append((frame["event"] as? [String: Any])?["objectId"] as? String ?? "")
                    }
                    #expect(ids == ["missed-0", "missed-1", "missed-2"], "nothing missed")
                    #expect(sequences == [last + 1, last + 2, last + 3], "the numbering goes on")
                    // And it is the same live stream from here on.
                    await hub.publish(LiveEvent(kind: "asset.changed", siteID: siteA, objectID: "after"))
                    #expect((try Self.object(try await messages.next())["event"] as? [String: Any])?["objectId"] as? String == "after")
                    try await outbound.close(.normalClosure, reason: nil)
                }
            }
        }
    }

    @Test("/asyncapi.json is an AsyncAPI 3.0 document whose references all resolve, served next to /openapi.json")
    func asyncAPIDocument() async throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(AsyncAPIDocument.build().bytes)) as? [String: Any])
        #expect(document["asyncapi"] as? String == "3.0.0")
        let text = String(decoding: AsyncAPIDocument.build().bytes, as: UTF8.self)
        let refs = text.components(separatedBy: #""$ref":""#).dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
        #expect(refs.count > 10)
        for ref in refs {
            var node: Any? = document
            for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] }
            #expect(node != nil, "unresolved \(ref)")
        }
        let operations = try #require(document["operations"] as? [String: Any])
        #expect(Set(operations.keys) == ["sendSubscriptions", "receiveFrames"])
        try await SecurityHarness.with { h in
            try await Application(router: try buildValidatedRouter(dependencies: h.dependencies).router).test(.router) { client in
                let response = try await client.execute(uri: "/asyncapi.json", method: .get) { ($0.status, $0.body) }
                #expect(response.0 == .ok && response.1.readableBytes > 1_000)
            }
        }
    }

    @Test("a client that does not read gets the newest value of each point, and a resync instead of an endless queue")
    func slowClientsAreCoalescedNotDropped() async {
        let outbox = LiveOutbox()
        let points = (0..<10).map { _ in UUID() }
        for round in 0..<1_000 {
            for point in points { await outbox.push(["event": ["value": .int(Int64(round))]], coalescingKey: point) }
        }
        await outbox.push(["subscribed": true])
        let batch = await outbox.take()
        #expect(batch?.frames.count == 11, "one frame per point plus the reply")
        #expect(batch?.overflowed == false)
        #expect(await outbox.coalesced == 9_990)
        let values = batch?.frames.compactMap { frame -> Int64? in
            guard case .json(.object(let members)) = frame, case .object(let event)? = members["event"], case .int(let v)? = event["value"] else { return nil }
            return v
        }
        #expect(values == Array(repeating: 999, count: 10), "the newest value of each point")
        for index in 0..<(LiveOutbox.maximumQueued + 10) { await outbox.push(["event": ["n": .int(Int64(index))]]) }
        let overflowed = await outbox.take()
        #expect(overflowed?.overflowed == true && (overflowed?.frames.count ?? 0) < LiveOutbox.maximumQueued)
        await outbox.close()
        #expect(await outbox.take() == nil)
    }
}
