import Foundation
import Testing
import TwinDomain
@testable import TwinServices

/// Subscription and delivery rules of the live WebSocket, without a network.
@Suite("Live session scope rules")
struct LiveSessionTests {
    static let siteA = UUID(), siteB = UUID(), buildingA1 = UUID(), buildingB1 = UUID()

    static func principal(_ grants: [Grant]) -> Principal {
        Principal(userID: UUID(), name: "p", grants: grants)
    }

    static func session(_ principal: Principal, authenticate: (@Sendable () async throws -> Principal)? = nil) -> LiveSession {
        LiveSession(principal: principal, recheckInterval: 3600,
                    authenticate: authenticate ?? { principal },
                    siteOfBuilding: { id in
                        [buildingA1: siteA, buildingB1: siteB][id]
                    })
    }

    static func json(_ frame: CanonicalJSON) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(frame.text.utf8))) as? [String: Any] ?? [:]
    }

    @Test func siteGrantCoversItsBuildingsButNotAnotherSite() async throws {
        let session = Self.session(Self.principal([Grant(role: .viewer, target: .site(Self.siteA))]))
        let own = Self.json(try await session.receive(#"{"subscribe":{"buildingId":"\#(Self.buildingA1)"}}"#))
        #expect(own["subscribed"] != nil)
        for topic in [#"{"buildingId":"\#(Self.buildingB1)"}"#, #"{"siteId":"\#(Self.siteB)"}"#,
                      #"{"buildingId":"\#(UUID())"}"#] {
            let reply = Self.json(try await session.receive(#"{"subscribe":\#(topic)}"#))
            let error = try #require(reply["error"] as? [String: Any], "\(topic)")
            #expect(error["status"] as? Int == 404)
        }
        #expect(await session.topics == [.building(Self.buildingA1)])
    }

    @Test func buildingGrantDoesNotCoverTheSite() async throws {
        let session = Self.session(Self.principal([Grant(role: .operator, target: .building(Self.buildingA1, site: Self.siteA))]))
        #expect(Self.json(try await session.receive(#"{"subscribe":{"siteId":"\#(Self.siteA)"}}"#))["error"] != nil)
        #expect(Self.json(try await session.receive(#"{"subscribe":{"buildingId":"\#(Self.buildingA1)"}}"#))["subscribed"] != nil)
    }

    @Test func deliveryFiltersByTopicAndScope() async throws {
        let session = Self.session(Self.principal([Grant(role: .viewer, target: .global)]))
        let hub = LiveEventHub()
        hub.attach(session.route)
        _ = try await session.receive(#"{"subscribe":{"siteId":"\#(Self.siteA)"}}"#)
        let inA = LiveEvent(kind: "asset.changed", siteID: Self.siteA, buildingID: Self.buildingA1, objectID: "x")
        let inB = LiveEvent(kind: "asset.changed", siteID: Self.siteB, buildingID: Self.buildingB1)
        hub.publish(inA)
        hub.publish(inB)
        #expect(session.route.outbox.pending == 1, "site A's event only")
        _ = await session.route.outbox.take()
        _ = try await session.receive(#"{"unsubscribe":{"siteId":"\#(Self.siteA)"}}"#)
        hub.publish(inA)
        #expect(session.route.outbox.pending == 0)
    }

    @Test func malformedMessagesGetAnErrorFrame() async throws {
        let session = Self.session(Self.principal([Grant(role: .viewer, target: .global)]))
        for text in ["nonsense", "{}", #"{"subscribe":{"siteId":"not-a-uuid"}}"#, #"{"dance":{"siteId":"\#(Self.siteA)"}}"#] {
            let error = try #require(Self.json(try await session.receive(text))["error"] as? [String: Any], "\(text)")
            #expect(error["status"] as? Int == 400)
        }
    }

    @Test func configureSetsTheFrameIntervalWithinBounds() async throws {
        let session = Self.session(Self.principal([Grant(role: .viewer, target: .global)]))
        let reply = Self.json(try await session.receive(#"{"configure":{"intervalMs":250}}"#))
        #expect((reply["configured"] as? [String: Any])?["intervalMs"] as? Int == 250)
        #expect((Self.json(try await session.receive(#"{"configure":{"resumeSeconds":60}}"#))["configured"] as? [String: Any])?["resumeSeconds"] as? Int == 60)
        #expect(await session.resumeWindow == .seconds(60))
        #expect(await session.interval == .milliseconds(250))
        for bad in [#"{"configure":{"intervalMs":-1}}"#, #"{"configure":{"intervalMs":60001}}"#, #"{"configure":{"intervalMs":true}}"#,
                    #"{"configure":{"intervalMs":2.5}}"#, #"{"configure":{"rate":5}}"#, #"{"configure":{"batch":1}}"#,
                    #"{"configure":{"batch":"yes"}}"#] {
            #expect((Self.json(try await session.receive(bad))["error"] as? [String: Any])?["status"] as? Int == 400, "\(bad)")
        }
        #expect(await session.interval == .milliseconds(250))
        #expect(await session.batch == false)
        #expect((Self.json(try await session.receive(#"{"configure":{"batch":true}}"#))["configured"] as? [String: Any])?["batch"] as? Bool == true)
        #expect(await session.batch == true)
    }

    @Test func lostCredentialsEndTheStream() async throws {
        let principal = Self.principal([Grant(role: .viewer, target: .site(Self.siteA))])
        let session = LiveSession(principal: principal, recheckInterval: 0,
                                  authenticate: { throw SecurityError.unauthenticated(reason: "user.disabled") },
                                  siteOfBuilding: { _ in nil }, now: Date(timeIntervalSince1970: 0))
        await #expect(throws: LiveSession.Failure.unauthenticated) {
            _ = try await session.receive(#"{"subscribe":{"siteId":"\#(Self.siteA)"}}"#)
        }
    }
}
