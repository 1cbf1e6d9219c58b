import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import Logging
import WSClient
import Testing
import TwinDomain
import TwinServices
@testable import TwinAPI

/// `GET /v1/live` over a real loopback server: authentication at upgrade and
/// cross-site isolation of the events a client receives.
@Suite("Live WebSocket", .serialized, .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct LiveWebSocketTests {
    enum Failure: Error { case closedEarly }

    static func application(_ h: SecurityHarness, hub: LiveEventHub) throws -> some ApplicationProtocol {
        var dependencies = h.dependencies
        dependencies.liveEvents = hub
        return try buildApplication(settings: APIServerSettings(host: "127.0.0.1", port: 0), dependencies: dependencies,
                                    logger: Logger(label: "test.live"))
    }

    static func bearer(_ token: String) -> WebSocketClientConfiguration {
        WebSocketClientConfiguration(additionalHeaders: [.authorization: "Bearer " + token])
    }

    static func object(_ message: WebSocketMessage?) throws -> [String: Any] {
        guard case .text(let text) = message else { throw Failure.closedEarly }
        return (try JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test func upgradeWithoutValidCredentialsIsRefused() async throws {
        try await SecurityHarness.with { h in
            try await Self.application(h, hub: LiveEventHub()).test(.live) { client in
                // No token, a garbage token, and a caller without live.read (auditor): no WebSocket.
                let auditor = try await client.login("auditor").access
                for configuration in [WebSocketClientConfiguration(), Self.bearer("not-a-token"), Self.bearer(auditor)] {
                    await #expect(throws: (any Error).self) {
                        try await client.ws("/v1/live", configuration: configuration) { _, _, _ in
                            Issue.record("upgraded without valid credentials")
                        }
                    }
                }
                // The same route over plain HTTP answers like every route: 401 / 403 / 426.
                let anonymous = try await client.json("/v1/live", .get)
                #expect(anonymous.status == .unauthorized)
                #expect(anonymous.headers[.contentType] == "application/problem+json")
                #expect(try await client.json("/v1/live", .get, token: auditor).status == .forbidden)
                let viewer = try await client.login("viewerA").access
                #expect(try await client.json("/v1/live", .get, token: viewer).status == .upgradeRequired)
            }
        }
    }

    /// A refused upgrade is answered like every route: 401 or 403 with a problem document, not the
    /// WebSocket library's empty 400.
    @Test func refusedUpgradesAnswerWithProblemDocuments() async throws {
        try await SecurityHarness.with { h in
            try await Self.application(h, hub: LiveEventHub()).test(.live) { client in
                let port = try #require(client.port)
                let auditor = try await client.login("auditor").access
                func upgrade(_ authorization: String?) async throws -> String {
                    let connection = try RawHTTPConnection(port: port)
                    var head = "GET /v1/live HTTP/1.1\r\nHost: test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    head += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    if let authorization { head += "Authorization: \(authorization)\r\n" }
                    connection.send(head + "\r\n")
                    return await connection.readUntilClosed(timeout: 20).text
                }
                for (credential, status) in [(nil, "401"), ("Bearer not-a-token", "401"), ("Bearer " + auditor, "403")] {
                    let answer = try await upgrade(credential)
                    #expect(answer.hasPrefix("HTTP/1.1 \(status) "), "\(credential ?? "no credential")")
                    #expect(answer.contains("Content-Type: application/problem+json"))
                    #expect(answer.contains("\"status\":\(status)"))
                    if status == "401" { #expect(answer.contains("WWW-Authenticate: Bearer")) }
                }
            }
        }
    }

    @Test func disablingTheUserClosesAnIdleStream() async throws {
        try await SecurityHarness.with { h in
            let id = try await h.makeUser("idler", grants: [Grant(role: .viewer, target: .site(h.siteA))])
            try await Self.application(h, hub: LiveEventHub()).test(.live) { client in
                let token = try await client.login("idler").access
                let admin = try await client.login("admin").access
                let siteA = h.siteA
                try await client.ws("/v1/live", configuration: Self.bearer(token)) { inbound, outbound, _ in
                    var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                    try await outbound.write(.text(#"{"subscribe":{"siteId":"\#(siteA)"}}"#))
                    #expect(try Self.object(try await messages.next())["subscribed"] != nil)
                    #expect(try await client.json("/v1/users/\(id)/disable", .post, token: admin).status == .ok)
                    // No event, no message: the server's own re-check closes the socket.
                    let next = try await messages.next()
                    #expect(next == nil)
                }
            }
        }
    }

    @Test func siteAClientNeverReceivesSiteBEvents() async throws {
        try await SecurityHarness.with { h in
            let hub = LiveEventHub()
            try await Self.application(h, hub: hub).test(.live) { client in
                let viewerA = try await client.login("viewerA").access
                let siteA = h.siteA, buildingA1 = h.buildingA1, siteB = h.siteB, buildingB1 = h.buildingB1
                // The token as a query parameter (the browser way) works too.
                try await client.ws("/v1/live?access_token=\(viewerA)") { inbound, outbound, _ in
                    var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                    // Out of scope: site B's building and site B itself → error frames, no subscription.
                    try await outbound.write(.text(#"{"subscribe":{"buildingId":"\#(buildingB1)"}}"#))
                    let refused = try Self.object(try await messages.next())
                    #expect((refused["error"] as? [String: Any])?["status"] as? Int == 404)
                    try await outbound.write(.text(#"{"subscribe":{"siteId":"\#(siteB)"}}"#))
                    #expect(try Self.object(try await messages.next())["error"] != nil)
                    // In scope: building A1.
                    try await outbound.write(.text(#"{"subscribe":{"buildingId":"\#(buildingA1)"}}"#))
                    #expect(try Self.object(try await messages.next())["subscribed"] != nil)
                    // Site B's event is published first: if it leaked it would arrive first.
                    await hub.publish(LiveEvent(kind: "asset.changed", siteID: siteB, buildingID: buildingB1, objectID: "b-secret"))
                    await hub.publish(LiveEvent(kind: "asset.changed", siteID: siteA, buildingID: buildingA1, objectID: "a-visible"))
                    let event = try #require(try Self.object(try await messages.next())["event"] as? [String: Any])
                    #expect(event["objectId"] as? String == "a-visible")
                    #expect(event["buildingId"] as? String == buildingA1.uuidString.lowercased())
                    try await outbound.close(.normalClosure, reason: nil)
                }
                // The connection's hub subscription is released when it closes (bounded wait, not a speed check).
                for _ in 0..<100 where await hub.subscriberCount > 0 { try await Task.sleep(for: .milliseconds(50)) }
                #expect(await hub.subscriberCount == 0)
            }
        }
    }

    @Test func disablingTheUserEndsItsStream() async throws {
        try await SecurityHarness.with { h in
            let hub = LiveEventHub()
            let id = try await h.makeUser("leaver", grants: [Grant(role: .viewer, target: .site(h.siteA))])
            try await Self.application(h, hub: hub).test(.live) { client in
                let token = try await client.login("leaver").access
                let admin = try await client.login("admin").access
                let siteA = h.siteA
                try await client.ws("/v1/live", configuration: Self.bearer(token)) { inbound, outbound, _ in
                    var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                    try await outbound.write(.text(#"{"subscribe":{"siteId":"\#(siteA)"}}"#))
                    #expect(try Self.object(try await messages.next())["subscribed"] != nil)
                    #expect(try await client.json("/v1/users/\(id)/disable", .post, token: admin).status == .ok)
                    // Well past the session's re-check interval (1 s; a loaded CI machine runs its clock late),
                    // the next event re-authenticates and fails.
                    try await Task.sleep(for: .milliseconds(3000))
                    await hub.publish(LiveEvent(kind: "asset.changed", siteID: siteA, objectID: "after-disable"))
                    // The server closes the socket instead of delivering the event.
                    let next = try await messages.next()
                    #expect(next == nil)
                }
            }
        }
    }
}
