import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HummingbirdWebSocket
import Logging
import Synchronization
import Testing
import WSClient

/// Two `atrium serve` processes on the same databases: a reading posted to either reaches the
/// live clients of both (fan-out through PostgreSQL's `live_events` channel).
@Suite("Live events across two server processes", .serialized,
       .enabled(if: ReadingsFaultEnvironment.available && ProcessInfo.processInfo.environment["ATRIUM_TEST_DATABASE_URL"] != nil,
                "needs the atrium executable, ATRIUM_TEST_DATABASE_URL and ATRIUM_TEST_MONGODB_URI (tools/test)"))
struct LiveFanOutProcessTests {
    typealias Fault = ReadingsFaultTests

    /// Frames a client received (as text), shared with the test.
    final class Inbox: Sendable {
        let frames = Mutex<[String]>([])
        func add(_ text: String) { frames.withLock { $0.append(text) } }
        var isEmpty: Bool { frames.withLock { $0.isEmpty } }
        func readings() -> [Double] {
            frames.withLock { $0 }.compactMap { text -> Double? in
                guard let frame = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
                      let event = frame["event"] as? [String: Any], event["kind"] as? String == "reading" else { return nil }
                return ((event["data"] as? [String: Any])?["value"] as? NSNumber)?.doubleValue
            }
        }
    }

    static let password = "fanout staple river 42"

    @Test func bothServersDeliverEveryReadingToTheirClients() async throws {
        try await ServerProcessDatabase.with(prefix: "t_fanout", password: Self.password) { try await scenario($0) }
    }

    func scenario(_ database: ServerProcessDatabase) async throws {
        let (work, site) = (database.work, database.site)
        var servers: [(Fault.Server, URL, Int)] = []
        defer { for (server, _, _) in servers { server.stop() } }
        for index in 0..<2 {
            let port = Fault.freePort() + index
            var own = database.environment
            own["ATRIUM_DATA_DIR"] = work.appendingPathComponent("data\(index)").path
            own["ATRIUM_LISTEN"] = "127.0.0.1:\(port)"
            let process = Fault.Server(environment: own, log: work.appendingPathComponent("server\(index).log"))
            try process.start()
            servers.append((process, URL(string: "http://127.0.0.1:\(port)/")!, port))
        }
        for (_, url, _) in servers { try await Fault.waitReady(url) }
        let (_, first, firstPort) = servers[0]
        let (_, second, secondPort) = servers[1]
        let token = try await database.login(first, password: Self.password)
        // A point per server: readings of one point from two servers may be coalesced to the newest
        // for a client (as the live protocol allows), which would hide what this test looks for.
        for key in ["fan-1", "fan-2"] {
            let point = await Fault.request(first.appendingPathComponent("v1/points"), method: "POST", token: token,
                                            body: Data(#"{"site_id":"\#(site)","name":"\#(key)","quantity":"power","external_key":"\#(key)"}"#.utf8))
            try #require(point.0 == 201, "\(String(decoding: point.1, as: UTF8.self))")
        }

        let inboxes = [Inbox(), Inbox()]
        let logger = Logger(label: "fanout-test")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, port) in [firstPort, secondPort].enumerated() {
                let inbox = inboxes[index]
                group.addTask {
                    try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/v1/live",
                                                      configuration: WebSocketClientConfiguration(additionalHeaders: [.authorization: "Bearer " + token]),
                                                      logger: logger) { inbound, outbound, _ in
                        try await outbound.write(.text(#"{"subscribe":{"siteId":"\#(site)"}}"#))
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            if case .text(let text) = message { inbox.add(text) }
                        }
                    }
                }
            }
            // Give both clients time to subscribe (bounded wait on what they received).
            // Generous: beside the rest of the suite a 2-core machine may take many seconds to upgrade.
            for _ in 0..<600 where inboxes.contains(where: { $0.isEmpty }) {
                try await Task.sleep(for: .milliseconds(50))
            }
            // A server hears `live_events` once its listening session is up, a moment after it
            // answers HTTP: warm up until each client has heard from both servers…
            func post(_ url: URL, _ value: Double, at time: Int) async -> Int {
                let key = url == first ? "fan-1" : "fan-2"
                return await Fault.request(url.appendingPathComponent("v1/readings"), method: "POST", token: token,
                                           body: Data(#"[{"key":"\#(key)","ts":\#(time),"value":\#(value)}]"#.utf8)).0
            }
            let start = Int(Date().timeIntervalSince1970) - 600
            var warm = 0
            func heardBoth(_ inbox: Inbox) -> Bool {
                let values = inbox.readings()
                return values.contains { $0 < 100 } && values.contains { (100..<200).contains($0) }
            }
            while !inboxes.allSatisfy(heardBoth), warm < 360 {
                #expect(await post(first, Double(warm), at: start + warm) == 202)
                #expect(await post(second, Double(100 + warm), at: start + 300 + warm) == 202)
                warm += 1
                try await Task.sleep(for: .milliseconds(250))
            }
            #expect(inboxes.allSatisfy(heardBoth), "both servers listening")
            // …then every reading posted to either must reach both clients.
            #expect(await post(first, 1_111, at: start + 200) == 202)
            #expect(await post(second, 2_222, at: start + 201) == 202)
            for _ in 0..<600 where inboxes.contains(where: { !Set($0.readings()).isSuperset(of: [1_111, 2_222]) }) {
                try await Task.sleep(for: .milliseconds(50))
            }
            for (index, inbox) in inboxes.enumerated() {
                #expect(Set(inbox.readings()).isSuperset(of: [1_111, 2_222]), "client of server \(index + 1) got \(inbox.readings())")
            }
            group.cancelAll()
        }
    }
}
