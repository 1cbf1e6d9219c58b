import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Synchronization
import MQTTClient
import TestSupport
import Testing

/// MQTT ingest with real processes: two `atrium serve` share one subscription
/// (`$share/atrium/…`) on a password-protected Mosquitto while a publisher streams 20,000 QoS 1
/// readings. Mid-stream one server is SIGKILLed, then the broker restarts, then the killed server
/// comes back. The database must hold every reading exactly once.
@Suite("MQTT ingest survives kill -9 and a broker restart", .serialized,
       .enabled(if: MQTTIngestFaultEnvironment.available, "needs the atrium executable, Mosquitto and the test databases (tools/test)"))
struct MQTTIngestFaultTests {
    final class Server {
        let environment: [String: String]
        let log: URL
        var process: ChildProcess?

        init(environment: [String: String], log: URL) {
            self.environment = environment
            self.log = log
        }

        func start() throws {
            process = try ChildProcess(try #require(AtriumExecutable.url).path, ["serve"], output: log, environment: environment)
        }

        func kill9() async {
            await process?.stop(SIGKILL)
            process = nil
        }

        func stop() async {
            await process?.stop(SIGTERM)
            process = nil
        }
    }

    @Test func twoServersAKillAndABrokerRestartLoseAndDuplicateNothing() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-mqtt-fault-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let environment = ProcessInfo.processInfo.environment
        let server = try #require(environment["ATRIUM_TEST_DATABASE_URL"])
        let name = "t_mqtt_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))"
        let databaseURL = server.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
        let atrium = try #require(AtriumExecutable.url).path
        func sh(_ command: String) async throws -> (Int32, String) {
            try await ReadingsFaultTests.shell("export ATRIUM_DATABASE_URL='\(databaseURL)' ATRIUM_MIGRATIONS_DIR='\(ReadingsFaultTests.repository.path)/Migrations'; \(command)")
        }
        try #require(try await sh("psql -q '\(server)' -c 'CREATE DATABASE \(name)'").0 == 0)
        defer { Task { _ = try? await sh("psql -q '\(server)' -c 'DROP DATABASE IF EXISTS \(name) WITH (FORCE)'") } }
        try #require(try await sh("'\(atrium)' migrate").0 == 0)
        let site = try await sh("psql -qAt '\(databaseURL)' -c \"INSERT INTO sites (id, name) VALUES (gen_random_uuid(), 'M') RETURNING id\"").1
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(try await sh("printf 'mqtt staple river 42\\n' | ATRIUM_BCRYPT_COST=4 '\(atrium)' user add ops --role admin --password-stdin").0 == 0)

        let broker = try await TestBroker(user: "atrium-ingest", password: "mqtt test secret")
        try await broker.start()
        defer { withExtendedLifetime(broker) {} }  // to the end; its deinit kills it

        func serverEnvironment(_ label: String, port: Int) -> [String: String] {
            var e = environment
            e["ATRIUM_DATABASE_URL"] = databaseURL
            e["ATRIUM_MONGODB_URI"] = environment["ATRIUM_TEST_MONGODB_URI"]
            e["ATRIUM_DATA_DIR"] = work.appendingPathComponent("data-\(label)").path
            e["ATRIUM_LISTEN"] = "127.0.0.1:\(port)"
            e["ATRIUM_LOG_LEVEL"] = "notice"
            e["ATRIUM_MIGRATIONS_DIR"] = ReadingsFaultTests.repository.appendingPathComponent("Migrations").path
            e["ATRIUM_MQTT_URL"] = broker.url
            e["ATRIUM_MQTT_TOPICS"] = "test/{key}"
            e["ATRIUM_MQTT_SHARED_GROUP"] = "atrium"  // the two servers split the stream
            return e
        }
        let portA = LoopbackPort.free(), portB = LoopbackPort.free()
        let a = Server(environment: serverEnvironment("a", port: portA), log: work.appendingPathComponent("a.log"))
        let b = Server(environment: serverEnvironment("b", port: portB), log: work.appendingPathComponent("b.log"))
        try a.start()
        try b.start()
        defer { withExtendedLifetime((a, b)) {} }  // their deinits kill what still runs
        let baseA = URL(string: "http://127.0.0.1:\(portA)/")!, baseB = URL(string: "http://127.0.0.1:\(portB)/")!
        try await ReadingsFaultTests.waitReady(baseA)
        try await ReadingsFaultTests.waitReady(baseB)
        let login = await ReadingsFaultTests.request(baseA.appendingPathComponent("v1/auth/login"), method: "POST",
                                                     body: Data(#"{"username":"ops","password":"mqtt staple river 42"}"#.utf8))
        let token = try #require((try? JSONSerialization.jsonObject(with: login.1) as? [String: Any])?["access_token"] as? String)
        let point = await ReadingsFaultTests.request(baseA.appendingPathComponent("v1/points"), method: "POST", token: token,
                                                     body: Data(#"{"site_id":"\#(site)","name":"m","quantity":"power","external_key":"m-1"}"#.utf8))
        try #require(point.0 == 201, "\(String(decoding: point.1, as: UTF8.self))")
        /// The server's MQTT figures from /health/ready.
        func mqttDetails(_ base: URL) async -> [String: Any]? {
            let ready = await ReadingsFaultTests.request(base.appendingPathComponent("health/ready"))
            return ((try? JSONSerialization.jsonObject(with: ready.1) as? [String: Any])?["details"] as? [String: Any])?["mqtt"]
                as? [String: Any]
        }
        /// Waits (up to a minute) until the server's MQTT figures satisfy `condition`.
        func waitMQTT(_ base: URL, until condition: ([String: Any]) -> Bool) async -> Bool {
            for _ in 0..<300 {
                if let mqtt = await mqttDetails(base), condition(mqtt) { return true }
                try? await Task.sleep(for: .milliseconds(200))
            }
            return false
        }
        func mqttConnected(_ base: URL) async -> Bool { await waitMQTT(base) { ($0["connected"] as? Int) == 1 } }
        /// The server connected again since `connects` and holds its subscription.
        func mqttSubscribed(_ base: URL, after connects: Int) async -> Bool {
            await waitMQTT(base) { ($0["connects"] as? Int ?? 0) > connects && ($0["connected"] as? Int) == 1 && ($0["subscribed"] as? Int) == 1 }
        }
        let connectedA = await mqttConnected(baseA), connectedB = await mqttConnected(baseB)
        #expect(connectedA && connectedB)

        // An observer beside the servers: a plain persistent QoS 1 subscription records what the
        // broker delivered, to tell a loss in Atrium from one between publisher and broker.
        let delivered = Mutex<Set<Int>>([])
        var observerOptions = try MQTTClientOptions(url: broker.url, clientID: "fault-observer")
        observerOptions.subscriptions = [MQTTSubscription(filter: "test/#")]
        let observer = try MQTTConnection(options: observerOptions, logger: Logger(label: "observer")) { message in
            let text = String(decoding: message.payload, as: UTF8.self)
            if let start = text.range(of: #""value":"#)?.upperBound, let end = text[start...].firstIndex(of: ","),
               let value = Int(text[start..<end]) {
                delivered.withLock { _ = $0.insert(value) }
            }
            return .handled
        }
        try observer.start()
        for _ in 0..<500 where !observer.status.subscribed { try await Task.sleep(for: .milliseconds(20)) }
        let publisher = try MQTTConnection(options: try MQTTClientOptions(url: broker.url, clientID: "fault-publisher"),
                                           logger: Logger(label: "publisher"))
        try publisher.start()
        let total = 20_000
        let start = (Int64(Date().timeIntervalSince1970) - 600) * 1_000_000
        for i in 0..<total {
            switch i {
            case 5_000: await a.kill9()
            case 10_000:
                // The broker restarts with everything it acknowledged queued (for the killed
                // server's session) rather than mid-publish: publisher-to-broker behaviour across a
                // restart is MQTTDeliveryTests' subject. One full-suite run (of seven) lost 75
                // readings published right at the restart; whether the broker or Atrium lost them
                // was not known then, and is what the observer now tells.
                for _ in 0..<500 where publisher.status.acknowledged < publisher.status.published {
                    try await Task.sleep(for: .milliseconds(20))
                }
                let connectsB = await mqttDetails(baseB)?["connects"] as? Int ?? 0
                await broker.stop()
                try await broker.start()
                // Mosquitto 2.0 does not restore `$share` subscriptions from its persistence file
                // (a plain one it does; checked with mosquitto_sub): until the servers re-subscribe,
                // what is published reaches no member of the group and only the observer. That is
                // the broker's limit, documented in the README; the test publishes on once the
                // running server is subscribed again (it was the loss seen in 2 of ~9 full-suite
                // runs). Server A, killed at 5,000, subscribes again when it restarts at 12,500.
                #expect(await mqttSubscribed(baseB, after: connectsB), "server B re-subscribed after the broker restart")
            case 12_500: try a.start()
            default: break
            }
            let payload = Array(#"{"value":\#(i),"ts":\#(start + Int64(i) * 1000)}"#.utf8)
            var queued = false
            for _ in 0..<3000 where !queued {
                do {
                    try publisher.publish(topic: "test/m-1", payload: payload, qos: 1)
                    queued = true
                } catch {
                    try await Task.sleep(for: .milliseconds(20))  // reconnecting after the broker restart
                }
            }
            #expect(queued)
            if i % 200 == 199 { try await Task.sleep(for: .milliseconds(100)) }  // about 2,000 a second: the suite runs beside timing-sensitive ones
        }
        // What the broker delivers settles first (all of it, or no change for 5 s); then the
        // database must hold exactly that.
        var settled = 0, lastCount = -1, quiet = 0
        while settled < 600, quiet < 50 {
            let count = delivered.withLock { $0.count }
            if count == total { break }
            quiet = count == lastCount ? quiet + 1 : 0
            lastCount = count
            settled += 1
            try await Task.sleep(for: .milliseconds(100))
        }
        let expected = delivered.withLock { $0.count }
        var stored = -1
        for _ in 0..<600 {
            stored = Int(try await sh("psql -qAt '\(databaseURL)' -c 'SELECT count(*) FROM readings'").1
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
            if stored == expected { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        let seen = delivered.withLock { $0 }
        #expect(stored == seen.count, "\(stored) stored of the \(seen.count) the broker delivered to the observer")
        // The broker losing a message the publisher saw acknowledged is not Atrium's to fix, but
        // it would be a loss: it fails the test too, with its own message.
        #expect(seen.count == total, "the broker delivered \(seen.count) of \(total) published (lost between publisher and broker)")
        let check = try await sh("""
            psql -qAt '\(databaseURL)' -c "SELECT count(DISTINCT time), min(value)::int8, max(value)::int8, sum(value)::int8 FROM readings"
            """).1.trimmingCharacters(in: .whitespacesAndNewlines)
        let sum = seen.reduce(0, +)
        #expect(check == "\(seen.count)|\(seen.min() ?? -1)|\(seen.max() ?? -1)|\(sum)", "every delivered reading exactly once: \(check)")
        // Both servers took a share (the restarted one got what the broker queued for it).
        for base in [baseA, baseB] {
            let mqtt = await mqttDetails(base)
            #expect((mqtt?["readings_stored"] as? Int ?? 0) > 0, "\(base): \(String(describing: mqtt))")
        }
        print("MQTT fault test: \(total) published through a kill -9 and a broker restart; \(stored) stored, \(check)")
        await publisher.stop()
        await observer.stop()
        await a.stop()
        await b.stop()
    }
}

enum MQTTIngestFaultEnvironment {
    static var available: Bool {
        let environment = ProcessInfo.processInfo.environment
        return AtriumExecutable.url != nil && TestBroker.available && environment["ATRIUM_TEST_MONGODB_URI"] != nil
            && environment["ATRIUM_TEST_DATABASE_URL"] != nil && environment["ATRIUM_SKIP_FAULT_TESTS"] == nil
    }
}
