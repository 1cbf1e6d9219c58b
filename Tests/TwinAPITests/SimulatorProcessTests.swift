import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HummingbirdWSClient
import Logging
import Synchronization
import TestSupport
import Testing

/// The simulator end to end on real processes: the sample imported by `atrium import`, a private
/// Mosquitto, `atrium serve` subscribed to it, and `atrium simulate` publishing at 60× with an API
/// key. Scenarios are started and stopped through the REST API as a script would.
@Suite("Simulator on real processes", .serialized,
       .enabled(if: SimulatorProcessEnvironment.available, "needs the atrium executable, Mosquitto, ATRIUM_TEST_DATABASE_URL and ATRIUM_TEST_MONGODB_URI (tools/test)"))
struct SimulatorProcessTests {
    typealias Fault = ReadingsFaultTests

    static let password = "simulate staple river 42"

    /// Frames of one WebSocket subscription, in arrival order (kept as text, parsed when read).
    final class Frames: Sendable {
        let texts = Mutex<[String]>([])
        func add(_ text: String) { texts.withLock { $0.append(text) } }
        var frames: [[String: Any]] {
            texts.withLock { $0 }.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
        /// The events (kind, data) so far.
        var events: [(kind: String, data: [String: Any])] {
            frames.compactMap { frame in
                guard let event = frame["event"] as? [String: Any], let kind = event["kind"] as? String else { return nil }
                return (kind, event["data"] as? [String: Any] ?? [:])
            }
        }
    }

    @Test("COOLING_FAILURE on one rack: warning then critical on its inlet, live on the floor, the rack WARM then HOT; acknowledged, stopped, resolved, OK. MAINS_FAILURE drains a UPS and alarms; LEAK_DETECTED is critical at once; the simulator outlives a broker kill and a server restart; one seed, one output")
    func scenariosEndToEnd() async throws {
        try await ServerProcessDatabase.with(prefix: "t_simulate", password: Self.password) { try await run($0) }
    }

    func run(_ database: ServerProcessDatabase) async throws {
        let atrium = try #require(AtriumExecutable.url).path
        let sample = Fault.repository.appendingPathComponent("samples/atrium-dc.ifc").path
        let imported = try await database.sh("ATRIUM_MONGODB_URI='\(database.environment["ATRIUM_MONGODB_URI"]!)' "
            + "ATRIUM_DATA_DIR='\(database.work.appendingPathComponent("data").path)' '\(atrium)' import --json '\(sample)' 2>&1")
        try #require(imported.0 == 0 && imported.1.contains("succeeded"), "\(imported.1.suffix(2_000))")

        let broker = try await TestBroker(user: "atrium-ingest", password: "simulate mqtt secret")
        try await broker.start()
        defer { withExtendedLifetime(broker) {} }
        var environment = database.environment
        let port = LoopbackPort.free()
        environment["ATRIUM_DATA_DIR"] = database.work.appendingPathComponent("data").path
        environment["ATRIUM_LISTEN"] = "127.0.0.1:\(port)"
        environment["ATRIUM_MQTT_URL"] = broker.url
        let server = ServerBox(atrium: atrium, environment: environment, log: database.work.appendingPathComponent("serve.log"))
        try server.start()
        let base = URL(string: "http://127.0.0.1:\(port)/")!
        var simulator: ChildProcess?
        do {
            try await Fault.waitReady(base)
            try await scenarios(database, base: base, broker: broker, server: server, atrium: atrium, simulator: &simulator)
        } catch {
            await simulator?.stop()
            await server.stop()
            throw error
        }
        await simulator?.stop()
        await server.stop()
    }

    /// The server process, restartable (used from the test's task only).
    final class ServerBox {
        let atrium: String
        let environment: [String: String]
        let log: URL
        var process: ChildProcess?

        init(atrium: String, environment: [String: String], log: URL) {
            self.atrium = atrium
            self.environment = environment
            self.log = log
        }

        func start() throws { process = try ChildProcess(atrium, ["serve"], output: log, environment: environment) }
        func stop() async {
            await process?.stop()
            process = nil
        }
    }

    func scenarios(_ database: ServerProcessDatabase, base: URL, broker: TestBroker, server: ServerBox, atrium: String,
                   simulator: inout ChildProcess?) async throws {
        let token = try await database.login(base, password: Self.password)
        func json(_ path: String, _ method: String = "GET", _ body: String? = nil) async -> (Int, [String: Any]) {
            // Paths carry queries: joined as text (appendingPathComponent would escape the `?`).
            let answer = await Fault.request(URL(string: base.absoluteString + path)!, method: method, token: token,
                                             body: body.map { Data($0.utf8) })
            return (answer.0, (try? JSONSerialization.jsonObject(with: answer.1) as? [String: Any]) ?? [:])
        }
        func items(_ path: String) async -> [[String: Any]] { await json(path).1["items"] as? [[String: Any]] ?? [] }
        /// Polls `body` every 200 ms for up to `seconds` (a loaded CI machine is slow).
        func eventually(_ seconds: Double, _ body: () async -> Bool) async -> Bool {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                if await body() { return true }
                try? await Task.sleep(for: .milliseconds(200))
            }
            return await body()
        }

        let building = try #require(await items("v1/buildings?fields=id,name").first { $0["name"] as? String == "DC1" })
        let buildingID = try #require(building["id"] as? String)
        // An unknown scenario and a target it cannot take are refused with what exists.
        let unknown = await json("v1/scenarios", "POST", #"{"building_id":"\#(buildingID)","name":"FIRE","target":"DC1-A01-R02"}"#)
        #expect(unknown.0 == 422 && "\(unknown.1)".contains("COOLING_FAILURE"), "\(unknown)")
        let wrong = await json("v1/scenarios", "POST", #"{"building_id":"\#(buildingID)","name":"MAINS_FAILURE","target":"DC1-A01-R02"}"#)
        #expect(wrong.0 == 422 && "\(wrong.1)".contains("DC1-UPS-A"), "\(wrong)")

        let rack = try #require(await items("v1/assets?building=\(buildingID)&kind=rack&q=DC1-A01-R02&fields=id,name,floor_id").first {
            $0["name"] as? String == "DC1-A01-R02"
        })
        let rackID = try #require(rack["id"] as? String), floorID = try #require(rack["floor_id"] as? String)
        let inlet = try #require(await items("v1/points?asset=\(rackID)&quantity=temperature&fields=id,external_key").first)
        let inletID = try #require(inlet["id"] as? String)

        // The simulator, with an API key that may read the twin only (readings go through the broker).
        let key = await json("v1/api-keys", "POST", #"{"name":"simulator","permissions":["assets.read"]}"#)
        let apiKey = try #require(key.1["key"] as? String, "\(key)")
        var simulatorEnvironment = ProcessInfo.processInfo.environment
        simulatorEnvironment["ATRIUM_API_KEY"] = apiKey
        simulatorEnvironment["ATRIUM_URL"] = base.absoluteString
        simulatorEnvironment["ATRIUM_MQTT_URL"] = broker.url
        let simulatorLog = database.work.appendingPathComponent("simulate.log")
        simulator = try ChildProcess(atrium, ["simulate", "--building", "DC1", "--speed", "60", "--seed", "7", "--quiet"],
                                     output: simulatorLog, environment: simulatorEnvironment)
        // Readings arrive (the sample's rack inlets report every 60 simulated seconds: every second here).
        let flowing = await eventually(60) {
            (await json("v1/assets/\(rackID)/telemetry").1["items"] as? [[String: Any]])?.contains { $0["value"] is Double } == true
        }
        #expect(flowing, "the simulator's readings are stored: \((try? String(contentsOf: simulatorLog, encoding: .utf8)) ?? "")")

        // A live subscription of the rack's floor.
        let frames = Frames()
        var logger = Logger(label: "simulator-test")
        logger.logLevel = .error
        let wsLogger = logger
        let watcher = Task {
            try await WebSocketClient.connect(url: "ws://127.0.0.1:\(base.port!)/v1/live",
                                              configuration: WebSocketClientConfiguration(maxFrameSize: 16 << 20,
                                                                                         additionalHeaders: [.authorization: "Bearer " + token]),
                                              logger: wsLogger) { inbound, outbound, _ in
                try await outbound.write(.text(#"{"subscribe":{"floorId":"\#(floorID)"}}"#))
                for try await message in inbound.messages(maxSize: 16 << 20) {
                    if case .text(let text) = message { frames.add(text) }
                }
            }
        }
        defer { watcher.cancel() }
        #expect(await eventually(30) { frames.frames.contains { $0["snapshot"] != nil } }, "subscribed")

        // COOLING_FAILURE.
        let started = await json("v1/scenarios", "POST", #"{"building_id":"\#(buildingID)","name":"cooling-failure","target":"DC1-A01-R02"}"#)
        try #require(started.0 == 201, "\(started)")
        let runID = try #require(started.1["id"] as? String)
        #expect(started.1["name"] as? String == "COOLING_FAILURE" && started.1["target_asset_id"] as? String == rackID)
        #expect(await json("v1/scenarios", "POST", #"{"building_id":"\#(buildingID)","name":"COOLING_FAILURE","target":"DC1-A01-R02"}"#).0 == 409)

        func inletAlarms() -> [[String: Any]] {
            frames.events.filter { $0.kind.hasPrefix("alarm.") && $0.data["pointId"] as? String == inletID }.map(\.data)
        }
        func rackHealth() -> [String] {
            frames.events.filter { $0.kind == "health.changed" && $0.data["assetId"] as? String == rackID }.compactMap { $0.data["thermal"] as? String }
        }
        #expect(await eventually(180) { inletAlarms().contains { $0["severity"] as? String == "critical" } },
                "warning then critical within minutes at 60×: \(inletAlarms())")
        let severities = inletAlarms().compactMap { $0["severity"] as? String }
        let firstCritical = try #require(severities.firstIndex(of: "critical"))
        #expect(severities.prefix(firstCritical).contains("minor"), "the warning came first: \(severities)")
        #expect(await eventually(30) { rackHealth().contains("HOT") }, "\(rackHealth())")
        let health = rackHealth()
        #expect(health.firstIndex(of: "WARM").map { $0 < health.firstIndex(of: "HOT")! } == true, "WARM then HOT: \(health)")
        let rest = await json("v1/buildings/\(buildingID)/health")
        let restRack = (rest.1["assets"] as? [[String: Any]])?.first { $0["id"] as? String == rackID }
        #expect((restRack?["health"] as? [String: Any])?["thermal"] as? String == "HOT", "\(rest)")

        // Acknowledged through REST, the scenario stopped: the plant recovers and the alarm resolves itself.
        let alarm = try #require(await items("v1/alarms?state=active&limit=100").first { $0["point_id"] as? String == inletID })
        let alarmID = try #require(alarm["id"] as? String)
        #expect(await json("v1/alarms/\(alarmID)/acknowledge", "POST", #"{"note":"simulated drill"}"#).0 == 200)
        let stopped = await json("v1/scenarios/\(runID)/stop", "POST")
        #expect(stopped.0 == 200 && stopped.1["state"] as? String == "stopped", "\(stopped)")
        let resolved = await eventually(240) { await json("v1/alarms/\(alarmID)").1["state"] as? String == "resolved" }
        let finalAlarm = await json("v1/alarms/\(alarmID)").1
        #expect(resolved, "resolved after recovery: \(finalAlarm)")
        #expect(await eventually(30) { rackHealth().last == "OK" }, "\(rackHealth())")
        let audit = await items("v1/audit?limit=200")
        #expect(audit.contains { $0["action"] as? String == "scenario.start" } && audit.contains { $0["action"] as? String == "scenario.stop" })

        // MAINS_FAILURE: the UPS goes on battery, its charge falls, its runtime counts down, an alarm is raised.
        let ups = try #require(await items("v1/assets?building=\(buildingID)&q=DC1-UPS-A&fields=id,name").first { $0["name"] as? String == "DC1-UPS-A" })
        let upsID = try #require(ups["id"] as? String)
        func upsValue(_ quantity: String) async -> Double? {
            (await json("v1/assets/\(upsID)/telemetry").1["items"] as? [[String: Any]])?.first { $0["quantity"] as? String == quantity }?["value"] as? Double
        }
        let mains = await json("v1/scenarios", "POST", #"{"building_id":"\#(buildingID)","name":"MAINS_FAILURE","target":"DC1-UPS-A"}"#)
        try #require(mains.0 == 201, "\(mains)")
        #expect(await eventually(60) { (await upsValue("battery_charge") ?? 100) < 95 }, "charge falling")
        let charge1 = await upsValue("battery_charge") ?? 0, runtime1 = await upsValue("battery_runtime") ?? 0
        try await Task.sleep(for: .seconds(5))
        let charge2 = await upsValue("battery_charge") ?? 100, runtime2 = await upsValue("battery_runtime") ?? .infinity
        #expect(charge2 < charge1 && runtime2 < runtime1, "charge \(charge1) → \(charge2), runtime \(runtime1) → \(runtime2)")
        #expect(await eventually(30) { await items("v1/alarms?state=active&limit=100").contains { $0["asset_id"] as? String == upsID } },
                "an alarm on the UPS")
        #expect(await json("v1/scenarios/\(mains.1["id"] as? String ?? "")/stop", "POST").0 == 200)

        // LEAK_DETECTED: critical within one reporting interval (60 s).
        let crac = try #require(await items("v1/assets?building=\(buildingID)&q=DC1-A-CRAC-01&fields=id,name").first { $0["name"] as? String == "DC1-A-CRAC-01" })
        let cracID = try #require(crac["id"] as? String)
        let leakStart = Date()
        let leak = await json("v1/scenarios", "POST", #"{"building_id":"\#(buildingID)","name":"LEAK_DETECTED","target":"DC1-A-CRAC-01"}"#)
        try #require(leak.0 == 201, "\(leak)")
        #expect(await eventually(60) {
            await items("v1/alarms?state=active&limit=100").contains { $0["asset_id"] as? String == cracID && $0["severity"] as? String == "critical" }
        }, "a critical leak alarm")
        #expect(Date().timeIntervalSince(leakStart) < 60)
        #expect(await json("v1/scenarios/\(leak.1["id"] as? String ?? "")/stop", "POST").0 == 200)

        // The broker killed and back, then the server stopped and back: the simulator reconnects
        // and readings flow again (newer ones for the rack's inlet each time).
        func inletTime() async -> String? {
            (await json("v1/assets/\(rackID)/telemetry").1["items"] as? [[String: Any]])?.first { $0["point_id"] as? String == inletID }?["time"] as? String
        }
        await broker.kill9()
        try await Task.sleep(for: .seconds(2))
        try await broker.start()
        let afterBroker = await inletTime()
        #expect(await eventually(90) { await inletTime().map { $0 > (afterBroker ?? "") } == true }, "readings after the broker restart")
        await server.stop()
        try await Task.sleep(for: .seconds(2))
        try server.start()
        try await Fault.waitReady(base)
        let token2 = try await database.login(base, password: Self.password)
        let afterServer = await Fault.request(URL(string: base.absoluteString + "v1/assets/\(rackID)/telemetry")!, token: token2)
        let timeAfterServer = ((try? JSONSerialization.jsonObject(with: afterServer.1) as? [String: Any])?["items"] as? [[String: Any]])?
            .first { $0["point_id"] as? String == inletID }?["time"] as? String
        var newer = false
        for _ in 0..<450 where !newer {
            let now = await Fault.request(URL(string: base.absoluteString + "v1/assets/\(rackID)/telemetry")!, token: token2)
            let time = ((try? JSONSerialization.jsonObject(with: now.1) as? [String: Any])?["items"] as? [[String: Any]])?
                .first { $0["point_id"] as? String == inletID }?["time"] as? String
            newer = time.map { $0 > (timeAfterServer ?? "") } == true
            if !newer { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(newer, "readings after the server restart")
        #expect(simulator?.isRunning == true, "the simulator survived both")

        // Bad input on the command line: an unknown building or point is refused, naming what exists.
        let shell = "ATRIUM_API_KEY='\(apiKey)' ATRIUM_URL='\(base.absoluteString)' '\(atrium)' simulate "
        let noBuilding = try await Fault.shell(shell + "--building NOPE --output - --duration 60 2>&1")
        #expect(noBuilding.0 != 0 && noBuilding.1.contains("no building 'NOPE'") && noBuilding.1.contains("DC1"), "\(noBuilding.1)")
        let noPoint = try await Fault.shell(shell + "--building DC1 --points no-such-point --output - --duration 60 2>&1")
        #expect(noPoint.0 != 0 && noPoint.1.contains("no-such-point") && noPoint.1.contains("DC1-"), "\(noPoint.1)")

        // Determinism: the same seed gives the same readings, another seed others (NDJSON, simulated time).
        func output(_ seed: Int) async throws -> String {
            try await Fault.shell("ATRIUM_API_KEY='\(apiKey)' ATRIUM_URL='\(base.absoluteString)' '\(atrium)' simulate --building DC1 "
                + "--seed \(seed) --output - --duration 900 --start 2026-06-01T10:00:00Z 2>/dev/null").1
        }
        let a = try await output(5), b = try await output(5), c = try await output(6)
        #expect(a.split(separator: "\n").count > 3_000)
        #expect(a == b)
        #expect(a != c)
    }
}

enum SimulatorProcessEnvironment {
    static var available: Bool {
        let environment = ProcessInfo.processInfo.environment
        return AtriumExecutable.url != nil && TestBroker.available && environment["ATRIUM_TEST_DATABASE_URL"] != nil
            && environment["ATRIUM_TEST_MONGODB_URI"] != nil
    }
}
