import AlarmCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
import TwinDomain
import TwinServices
import TwinStore
import WebhookClient
@testable import TwinAPI

/// Alarm webhooks on a real receiver (a Hummingbird server on loopback) through AsyncHTTPClient.
extension AlarmAPITests {
    /// What the receiver got, and how it answers: 500 for the first `failFirst` requests.
    final class Receiver: Sendable {
        struct Delivery: Sendable {
            var headers: HTTPFields
            var body: [UInt8]
        }
        let deliveries = Mutex<[Delivery]>([])
        let failFirst: Int

        init(failFirst: Int) { self.failFirst = failFirst }

        var application: some ApplicationProtocol {
            let router = Router()
            router.post("/hook") { request, _ -> HTTPResponse.Status in
                let body = try await request.body.collect(upTo: 1 << 20)
                let count = self.deliveries.withLock { list in
                    list.append(Delivery(headers: request.headers, body: Array(body.readableBytesView)))
                    return list.count
                }
                return count <= self.failFirst ? .internalServerError : .noContent
            }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        }
    }

    struct Transport: WebhookTransport {
        let client: WebhookClient
        func post(url: String, headers: [(String, String)], body: [UInt8]) async -> (status: Int?, error: String?) {
            switch await client.post(url: url, headers: headers, body: body) {
            case .status(let status): (status, nil)
            case .failed(let reason): (nil, reason)
            }
        }
    }

    @Test("an alarm change is POSTed signed, retried after a 500, and a webhook that never answers ends in the dead letters")
    func webhooksSignedRetriedDead() async throws {
        let receiver = Receiver(failFirst: 1)
        try await receiver.application.test(.live) { live in
            let port = try #require(live.port)
            try await Self.with { rig in
                let client = WebhookClient(timeout: .seconds(5))
                // AsyncHTTPClient must be shut down before it goes away, whatever the test did.
                let outcome: Result<Void, any Error>
                do {
                    try await Self.webhookScenario(rig, receiver: receiver, port: port, client: client)
                    outcome = .success(())
                } catch {
                    outcome = .failure(error)
                }
                await client.shutdown()
                try outcome.get()
            }
        }
    }

    static func webhookScenario(_ rig: Rig, receiver: Receiver, port: Int, client: WebhookClient) async throws {
        let dispatcher = NotificationDispatcher(store: rig.twin.store, transport: Transport(client: client), logger: rig.logger,
                                                maximumAttempts: 2, firstRetry: .milliseconds(50))
        try await rig.application.test(.router) { api in
            let fm = try await api.login("fmA").access
            let viewer = try await api.login("viewerA").access
            let site = rig.twin.security.siteA.uuidString.lowercased()
            let created = try await api.json("/v1/webhooks", .post, token: fm, body: [
                "site_id": site, "name": "On-call", "url": "http://127.0.0.1:\(port)/hook", "min_severity": "major"])
            #expect(created.status == .created)
            let secret = try #require(created.body.jsonObject?["secret"] as? String)
            // A closed port: connection refused every time.
            #expect(try await api.json("/v1/webhooks", .post, token: fm, body: [
                "site_id": site, "name": "Gone", "url": "http://127.0.0.1:9/hook"]).status == .created)
            #expect(try await api.json("/v1/webhooks", .post, token: fm, body: [
                "site_id": site, "name": "Bad", "url": "ftp://example.org"]).status == .unprocessableContent)
            #expect(try await api.json("/v1/webhooks", .get, token: viewer).status == .forbidden)
            let listed = try await api.json("/v1/webhooks", .get, token: fm).body.jsonArrayItems
            #expect(listed.count == 2 && listed.allSatisfy { $0["secret"] is NSNull }, "secrets are shown once")

            _ = try await Self.rackInletPoint(rig, api, token: fm)
            let t0 = Int(Date().timeIntervalSince1970) - 3_000
            try await Self.send(rig, api, token: fm, key: "r1-inlet", t0: t0, [(0, 33)])   // critical at once

            try await dispatcher.dispatchOnce()           // both fail once
            try await Task.sleep(for: .milliseconds(300))
            try await dispatcher.dispatchOnce()           // the receiver accepts; the closed port is dead
            let deliveries = receiver.deliveries.withLock { $0 }
            #expect(deliveries.count == 2, "one failed attempt, one retry")
            let last = try #require(deliveries.last)
            #expect(last.headers[HTTPField.Name("X-Atrium-Event")!] == "alarm.raised")
            let timestamp = try #require(last.headers[HTTPField.Name("X-Atrium-Timestamp")!].flatMap { Int64($0) })
            let signature = try #require(last.headers[HTTPField.Name("X-Atrium-Signature")!])
            #expect(WebhookSignature.verify(signature, body: last.body, timestamp: timestamp, secret: secret))
            #expect(deliveries.first?.headers[HTTPField.Name("X-Atrium-Delivery")!] == last.headers[HTTPField.Name("X-Atrium-Delivery")!],
                    "the retry is the same delivery")
            let payload = try #require(try JSONSerialization.jsonObject(with: Data(last.body)) as? [String: Any])
            #expect((payload["alarm"] as? [String: Any])?["severity"] as? String == "critical")

            let dead = try await api.json("/v1/webhooks/dead-letters", .get, token: fm).body.jsonArrayItems
            #expect(dead.count == 1 && dead.first?["attempts"] as? Int == 2 && dead.first?["last_error"] is String)
            #expect(try await dispatcher.dispatchOnce() == 0, "nothing left")

            // Below the webhook's minimum severity: nothing queued for it.
            let acknowledged = try await api.json("/v1/alarms?open=true", .get, token: fm).body.jsonArrayItems.first?["id"] as? String
            _ = try await api.json("/v1/alarms/\(acknowledged ?? "")/acknowledge", .post, token: fm, body: [:])
            try await dispatcher.dispatchOnce()
            #expect(receiver.deliveries.withLock { $0.count } == 3, "the acknowledgement of a critical alarm is sent too")
            #expect(try await rig.twin.security.auditRows(action: "webhook.create").count == 2)
        }
    }

    @Test("nothing is queued for a change whose transaction rolls back")
    func rolledBackChangeSendsNothing() async throws {
        try await Self.with { rig in
            let site = rig.twin.security.siteA
            _ = try await rig.twin.store.withTransaction { tx in
                try await tx.insertWebhook(Webhook(siteID: site, name: "w", url: "http://127.0.0.1:9/x", secret: String(repeating: "s", count: 32)))
            }
            struct Abort: Error {}
            do {
                try await rig.twin.store.withTransaction { tx in
                    let point = try await tx.insertPoint(Point(siteID: site, name: "p", quantity: .temperature))
                    let rule = try await tx.insertAlarmRule(AlarmRuleDefinition(siteID: site, name: "r", selector: RuleSelector(pointID: point.id),
                                                                                rule: .threshold(ThresholdRule.rackInletDefault)))
                    let record = try #require(AlarmRecord(raisedBy: ConditionTransition(
                        from: nil, to: ConditionLevel(side: .high, severity: .critical), at: 1_800_000_000_000_000, value: 40)))
                    let alarm = try await tx.insertAlarm(Alarm(siteID: site, buildingID: nil, floorID: nil, spaceID: nil, assetID: nil,
                                                               assetKind: nil, pointID: point.id, ruleID: rule.id, quantity: "temperature",
                                                               record: record))
                    #expect(try await tx.enqueueAlarmNotification(alarm, event: "alarm.raised", payload: "{}") == 1)
                    throw Abort()
                }
            } catch is Abort {}
            #expect(try await rig.twin.store.claimNotifications(limit: 10, lease: .seconds(1)).isEmpty)
        }
    }
}
