import Foundation
import Logging
import MQTTClient
import TestSupport
import Testing

/// Delivery through a real Mosquitto: QoS 1 in order, persistent sessions, a broker that is late
/// or restarts, and the acknowledgement point (the handler's return, not libmosquitto's receipt).
@Suite("MQTT delivery through a real broker", .serialized,
       .enabled(if: MQTTTestEnvironment.brokerAvailable, "needs /usr/sbin/mosquitto (tools/test installs it)"))
struct MQTTDeliveryTests {
    let logger = Logger(label: "mqtt-test")

    func subscriber(_ broker: TestBroker, id: String, filter: String, inbox: Inbox,
                    handler: (@Sendable (MQTTMessage) -> MQTTDelivery)? = nil) throws -> MQTTConnection {
        var options = try MQTTClientOptions(url: broker.url, clientID: id)
        options.subscriptions = [MQTTSubscription(filter: filter, qos: 1)]
        return try MQTTConnection(options: options, logger: logger, handler: handler ?? { message in
            inbox.add(message.payload)
            return .handled
        })
    }

    func publisher(_ broker: TestBroker) throws -> MQTTConnection {
        try MQTTConnection(options: try MQTTClientOptions(url: broker.url, clientID: "pub-\(UUID().uuidString.prefix(8))"), logger: logger)
    }

    func waitConnected(_ connection: MQTTConnection, connects: Int = 1) async -> Bool {
        for _ in 0..<1500 {
            if connection.status.connected && connection.status.connects >= connects { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Publishes and waits until the broker acknowledged everything.
    func publish(_ connection: MQTTConnection, topic: String, _ payloads: some Sequence<String>) async throws {
        var sent = 0
        for payload in payloads {
            try connection.publish(topic: topic, payload: Array(payload.utf8), qos: 1)
            sent += 1
        }
        for _ in 0..<1000 where connection.status.acknowledged < connection.status.published {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(connection.status.acknowledged == connection.status.published, "\(connection.status)")
    }

    @Test func qos1MessagesArriveInOrder() async throws {
        let broker = try await TestBroker()
        defer { withExtendedLifetime(broker) {} }  // to the end of the test; its deinit kills it
        try await broker.start()
        let inbox = Inbox()
        let sub = try subscriber(broker, id: "order", filter: "t/#", inbox: inbox)
        try sub.start()
        #expect(await waitConnected(sub))
        try await Task.sleep(for: .milliseconds(300))  // the subscription is granted after the CONNACK
        let pub = try publisher(broker)
        try pub.start()
        #expect(await waitConnected(pub))
        try await publish(pub, topic: "t/a", (0..<2000).map(String.init))
        #expect(await inbox.wait { $0.count >= 2000 })
        #expect(inbox.all == (0..<2000).map(String.init))
        await pub.stop()
        await sub.stop()
        #expect(!sub.status.connected)
    }

    /// The load generator's publisher, driven from its own thread (it blocks): every message
    /// acknowledged by the broker and delivered in order.
    @Test func aBurstPublisherDeliversEverythingInOrder() async throws {
        let broker = try await TestBroker()
        defer { withExtendedLifetime(broker) {} }
        try await broker.start()
        let inbox = Inbox()
        let sub = try subscriber(broker, id: "burst", filter: "b/#", inbox: inbox)
        try sub.start()
        #expect(await waitConnected(sub))
        try await Task.sleep(for: .milliseconds(300))  // the subscription is granted after the CONNACK
        let options = try MQTTClientOptions(url: broker.url, clientID: "burst-pub")
        let acknowledged: Result<Int, MQTTError> = await withCheckedContinuation { continuation in
            Thread {
                do throws(MQTTError) {
                    let publisher = try MQTTBurstPublisher(options: options)
                    for n in 0..<3000 {
                        try publisher.publish(topic: "b/\(n % 7)", payload: Array(String(n).utf8))
                        while publisher.published - publisher.acknowledged >= 500 { try publisher.pump(timeoutMilliseconds: 5) }
                    }
                    let deadline = Date().addingTimeInterval(60)
                    while publisher.acknowledged < 3000, Date() < deadline { try publisher.pump(timeoutMilliseconds: 5) }
                    continuation.resume(returning: .success(publisher.acknowledged))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }.start()
        }
        #expect(try acknowledged.get() == 3000)
        #expect(await inbox.wait { $0.count >= 3000 })
        #expect(inbox.all == (0..<3000).map(String.init))
        await sub.stop()
    }

    /// The broker tools/test runs admits only its user: the right password connects and
    /// receives, a wrong one is refused and retried without harm.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ATRIUM_TEST_MQTT_URL"] != nil, "tools/test starts a shared broker"))
    func credentialsAreCheckedByTheSharedBroker() async throws {
        let url = try #require(ProcessInfo.processInfo.environment["ATRIUM_TEST_MQTT_URL"])
        let inbox = Inbox()
        var options = try MQTTClientOptions(url: url, clientID: "cred-\(UUID().uuidString.prefix(8))")
        let topic = "cred/\(UUID().uuidString.prefix(8))"
        options.subscriptions = [MQTTSubscription(filter: topic)]
        options.persistentSession = false
        let sub = try MQTTConnection(options: options, logger: logger) { message in
            inbox.add(message.payload)
            return .handled
        }
        try sub.start()
        #expect(await waitConnected(sub))
        try await Task.sleep(for: .milliseconds(300))
        var pubOptions = try MQTTClientOptions(url: url, clientID: "cred-pub-\(UUID().uuidString.prefix(8))")
        pubOptions.persistentSession = false
        let pub = try MQTTConnection(options: pubOptions, logger: logger)
        try pub.start()
        #expect(await waitConnected(pub))
        try await publish(pub, topic: topic, ["authorised"])
        #expect(await inbox.wait { $0 == ["authorised"] })

        var wrong = options
        wrong.clientID = "cred-wrong-\(UUID().uuidString.prefix(8))"
        wrong.password = "not the password"
        let refused = try MQTTConnection(options: wrong, logger: logger)
        try refused.start()
        try await Task.sleep(for: .seconds(2))
        #expect(!refused.status.connected)
        #expect(refused.status.lastError?.contains("authori") == true, "\(refused.status)")
        await refused.stop()
        await pub.stop()
        await sub.stop()
    }

    @Test func aLateBrokerIsWaitedFor() async throws {
        let broker = try await TestBroker()
        defer { withExtendedLifetime(broker) {} }  // to the end of the test; its deinit kills it
        let inbox = Inbox()
        let sub = try subscriber(broker, id: "late", filter: "late/#", inbox: inbox)
        try sub.start()
        try await Task.sleep(for: .milliseconds(500))
        #expect(!sub.status.connected)
        #expect(sub.status.lastError != nil)
        try await broker.start()
        #expect(await waitConnected(sub))
        try await Task.sleep(for: .milliseconds(300))
        let pub = try publisher(broker)
        try pub.start()
        #expect(await waitConnected(pub))
        try await publish(pub, topic: "late/x", ["hello"])
        #expect(await inbox.wait { $0 == ["hello"] })
        await pub.stop()
        await sub.stop()
    }

    @Test func aPersistentSessionKeepsWhatArrivedWhileAway() async throws {
        let broker = try await TestBroker()
        defer { withExtendedLifetime(broker) {} }  // to the end of the test; its deinit kills it
        try await broker.start()
        let first = Inbox()
        let sub = try subscriber(broker, id: "away", filter: "away/#", inbox: first)
        try sub.start()
        #expect(await waitConnected(sub))
        try await Task.sleep(for: .milliseconds(300))
        await sub.stop()
        let pub = try publisher(broker)
        try pub.start()
        #expect(await waitConnected(pub))
        try await publish(pub, topic: "away/x", (0..<1500).map(String.init))  // more than Mosquitto's default queue of 1,000
        let second = Inbox()
        let again = try subscriber(broker, id: "away", filter: "away/#", inbox: second)
        try again.start()
        #expect(await waitConnected(again))
        #expect(again.status.sessionPresent)
        #expect(await second.wait { $0.count >= 1500 })
        #expect(second.all == (0..<1500).map(String.init))
        await pub.stop()
        await again.stop()
    }

    @Test func aBrokerRestartLosesNothing() async throws {
        let broker = try await TestBroker()
        defer { withExtendedLifetime(broker) {} }  // to the end of the test; its deinit kills it
        try await broker.start()
        let inbox = Inbox()
        let sub = try subscriber(broker, id: "restart", filter: "r/#", inbox: inbox)
        try sub.start()
        #expect(await waitConnected(sub))
        try await Task.sleep(for: .milliseconds(300))
        let pub = try publisher(broker)
        try pub.start()
        #expect(await waitConnected(pub))
        let total = 10_000
        for i in 0..<total {
            if i == total / 2 {
                await broker.stop()
                try await broker.start()
            }
            // libmosquitto refuses MQTT 5 publishes while disconnected: retry until it reconnected.
            var queued = false
            for _ in 0..<2000 where !queued {
                do {
                    try pub.publish(topic: "r/x", payload: Array(String(i).utf8), qos: 1)
                    queued = true
                } catch {
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            #expect(queued)
            if i % 250 == 0 { try await Task.sleep(for: .milliseconds(10)) }
        }
        // Both clients reconnect (after their backoff) and the publisher resends what was not acknowledged.
        #expect(await inbox.wait(seconds: 120) { Set($0).count >= total })
        #expect(Set(inbox.all) == Set((0..<total).map(String.init)))
        #expect(sub.status.connects >= 2)
        #expect(sub.status.sessionPresent, "\((try? String(contentsOf: broker.directory.appendingPathComponent("mosquitto.log"), encoding: .utf8)) ?? "")")
        await pub.stop()
        await sub.stop()
    }

    /// A message whose handler never returned is redelivered after the process is SIGKILLed: no
    /// PUBACK left before the handler finished (libmosquitto queues it before `on_message`).
    @Test func aKilledHandlerGetsItsMessageAgain() async throws {
        let probe = try #require(MQTTTestEnvironment.probe, "mqtt-ack-probe is built next to the tests")
        let broker = try await TestBroker()
        defer { withExtendedLifetime(broker) {} }  // to the end of the test; its deinit kills it
        try await broker.start()
        let out = broker.directory.appendingPathComponent("probe.out")
        func run(_ mode: String) throws -> ChildProcess {
            try ChildProcess(probe.path, [broker.url, "probe-1", "ack/#", mode], output: out)
        }
        func output(contains text: String) async -> Bool {
            for _ in 0..<1500 {
                if let s = try? String(contentsOf: out, encoding: .utf8), s.contains(text) { return true }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return false
        }
        let blocked = try run("block")
        #expect(await output(contains: "connected"))
        let pub = try publisher(broker)
        try pub.start()
        #expect(await waitConnected(pub))
        try await publish(pub, topic: "ack/1", ["the-message"])
        #expect(await output(contains: "message ack/1 the-message"))
        await blocked.stop(SIGKILL)
        try Data().write(to: out)
        let second = try run("pass")
        defer { withExtendedLifetime(second) {} }
        #expect(await output(contains: "message ack/1 the-message"), "the broker redelivers: it never got a PUBACK")
        await pub.stop()
    }

    /// A member that stops keeps its share of a shared subscription queued in its session; one
    /// that leaves (`leaveOnStop`) hands everything to the members that stay.
    @Test func aMemberThatLeavesASharedSubscriptionGetsNoMoreOfIt() async throws {
        let broker = try await TestBroker()
        defer { withExtendedLifetime(broker) {} }
        try await broker.start()
        func member(_ id: String, leave: Bool, _ inbox: Inbox) throws -> MQTTConnection {
            var options = try MQTTClientOptions(url: broker.url, clientID: id)
            options.subscriptions = [MQTTSubscription(filter: "s/#").shared(group: "g")]
            options.leaveOnStop = leave
            return try MQTTConnection(options: options, logger: logger) { message in
                inbox.add(message.payload)
                return .handled
            }
        }
        let stays = Inbox(), stopped = Inbox(), left = Inbox()
        let a = try member("stays", leave: false, stays), b = try member("stopped", leave: false, stopped),
            c = try member("left", leave: true, left)
        for m in [a, b, c] { try m.start() }
        for m in [a, b, c] { #expect(await waitConnected(m)) }
        try await Task.sleep(for: .milliseconds(300))
        await b.stop()
        await c.stop()
        let pub = try publisher(broker)
        try pub.start()
        #expect(await waitConnected(pub))
        try await publish(pub, topic: "s/1", (0..<100).map(String.init))
        // The stopped member's session takes about half; the member that left takes none.
        #expect(await stays.wait { $0.count >= 40 })
        try await Task.sleep(for: .milliseconds(500))
        #expect(stays.count < 100 && stays.count >= 40, "\(stays.count)")
        let returned = Inbox()
        let b2 = try member("stopped", leave: false, returned)
        try b2.start()
        #expect(await returned.wait { $0.count + stays.count >= 100 }, "the stopped member gets its share back")
        let c2 = try member("left", leave: false, left)
        try c2.start()
        #expect(await waitConnected(c2))
        #expect(!c2.status.sessionPresent, "the member that left has no session")
        try await Task.sleep(for: .milliseconds(300))
        #expect(left.count == 0)
        for m in [a, b2, c2, pub] { await m.stop() }
    }

    /// `.abandon` drops the connection unacknowledged; the next session gets the message again.
    @Test func anAbandonedMessageIsRedelivered() async throws {
        let broker = try await TestBroker()
        defer { withExtendedLifetime(broker) {} }  // to the end of the test; its deinit kills it
        try await broker.start()
        let inbox = Inbox()
        let sub = try subscriber(broker, id: "abandon", filter: "ab/#", inbox: inbox) { message in
            inbox.add(message.payload)
            return .abandon
        }
        try sub.start()
        #expect(await waitConnected(sub))
        try await Task.sleep(for: .milliseconds(300))
        let pub = try publisher(broker)
        try pub.start()
        #expect(await waitConnected(pub))
        try await publish(pub, topic: "ab/1", ["kept-for-later"])
        #expect(await inbox.wait { $0 == ["kept-for-later"] })
        await sub.stop()
        let later = Inbox()
        let again = try subscriber(broker, id: "abandon", filter: "ab/#", inbox: later)
        try again.start()
        #expect(await later.wait { $0.contains("kept-for-later") })
        await again.stop()
        await pub.stop()
    }
}

enum MQTTTestEnvironment {
    static var brokerAvailable: Bool { TestBroker.available }

    /// The probe executable SwiftPM builds into the same products directory as the test runner.
    static var probe: URL? {
        var starts: [URL] = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()]
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        for start in starts {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent("mqtt-ack-probe")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                folder.deleteLastPathComponent()
            }
        }
        return nil
    }
}
