import Foundation
import Synchronization
import Testing
import TwinDomain
@testable import TwinServices

/// Routing of live events to connections by index: what each outbox receives as subscriptions,
/// scopes and points change, and one shared load of the point index however many clients ask.
@Suite("Live event hub routing")
struct LiveEventHubTests {
    static let site = UUID(), otherSite = UUID(), building = UUID(), otherBuilding = UUID()
    static let floor1 = UUID(), floor2 = UUID(), space = UUID()

    static func session(_ grants: [Grant], hub: LiveEventHub) -> LiveSession {
        let principal = Principal(userID: UUID(), name: "p", grants: grants)
        let session = LiveSession(principal: principal, recheckInterval: 3600, authenticate: { principal },
                                  siteOfBuilding: { [building: site, otherBuilding: otherSite][$0] },
                                  placeOf: { topic in
                                      switch topic {
                                      case .floor(let id) where id == floor1 || id == floor2: (site, building)
                                      case .space(let id) where id == space: (site, building)
                                      default: nil
                                      }
                                  })
        hub.attach(session.route)
        return session
    }

    static func point(_ id: UUID, floor: UUID, x: Double, quantity: String = "temperature") -> LivePoint {
        LivePoint(key: 1, id: id, name: "p", siteID: site, buildingID: building, floorID: floor, spaceID: floor == floor1 ? space : nil,
                  assetID: nil, assetKind: "rack", quantity: quantity, unit: "°C", position: Point3D(x: x, y: 0, z: 1))
    }

    static func reading(_ point: LivePoint, _ value: Double, at time: Int64 = 1) -> LiveEvent {
        LiveReadingPublisher.event(Reading(pointKey: point.key, timeMicros: time, value: value), point)
    }

    /// The values of the reading frames waiting in `outbox` (taking them).
    static func values(_ outbox: LiveOutbox) async -> [Double] {
        guard outbox.pending > 0, let batch = await outbox.take() else { return [] }
        return batch.frames.compactMap { frame -> Double? in
            let text = frame.numbered(1)
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let event = object["event"] as? [String: Any], let data = event["data"] as? [String: Any] else { return nil }
            return (data["value"] as? NSNumber)?.doubleValue
        }
    }

    @Test("readings reach the floor, space and box subscribers of their point, and follow subscription changes")
    func routesFollowSubscriptions() async throws {
        let hub = LiveEventHub()
        let a = Self.point(UUID(), floor: Self.floor1, x: 1), b = Self.point(UUID(), floor: Self.floor2, x: 50)
        let floorViewer = Self.session([Grant(role: .viewer, target: .site(Self.site))], hub: hub)
        let boxViewer = Self.session([Grant(role: .viewer, target: .global)], hub: hub)
        _ = try await floorViewer.receive(#"{"subscribe":{"floorId":"\#(Self.floor1)"}}"#)
        _ = try await boxViewer.receive(#"{"subscribe":{"buildingId":"\#(Self.building)","box":[40,-1,0,60,1,2]}}"#)
        hub.publish(Self.reading(a, 20))
        hub.publish(Self.reading(b, 30))
        #expect(await Self.values(floorViewer.route.outbox) == [20])
        #expect(await Self.values(boxViewer.route.outbox) == [30])

        // Remembered routes are updated when a connection subscribes more, or less.
        _ = try await floorViewer.receive(#"{"subscribe":{"floorId":"\#(Self.floor2)"}}"#)
        _ = try await boxViewer.receive(#"{"subscribe":{"spaceId":"\#(Self.space)","quantities":["humidity"]}}"#)
        hub.publish(Self.reading(a, 21))
        hub.publish(Self.reading(b, 31))
        #expect(await Self.values(floorViewer.route.outbox) == [21, 31])
        #expect(await Self.values(boxViewer.route.outbox) == [31], "the space subscription asked for humidity only")
        _ = try await floorViewer.receive(#"{"unsubscribe":{"floorId":"\#(Self.floor1)"}}"#)
        hub.publish(Self.reading(a, 22))
        hub.publish(Self.reading(b, 32))
        #expect(await Self.values(floorViewer.route.outbox) == [32])
        #expect(await Self.values(boxViewer.route.outbox) == [32])

        // A point that moved is matched again where it is now.
        var moved = a
        moved.position = Point3D(x: 45, y: 0, z: 1)
        hub.publish(Self.reading(moved, 23))
        #expect(await Self.values(boxViewer.route.outbox) == [23])

        hub.detach(boxViewer.route)
        #expect(hub.subscriberCount == 1)
        hub.publish(Self.reading(b, 33))
        #expect(boxViewer.route.outbox.pending == 0)
        #expect(await Self.values(floorViewer.route.outbox) == [33])
    }

    @Test("a waiting reading is replaced by a newer one of its point, not by an older one arriving later (another server's)")
    func coalescingKeepsTheNewestByTime() async throws {
        let hub = LiveEventHub()
        let point = Self.point(UUID(), floor: Self.floor1, x: 1)
        let viewer = Self.session([Grant(role: .viewer, target: .global)], hub: hub)
        _ = try await viewer.receive(#"{"subscribe":{"floorId":"\#(Self.floor1)"}}"#)
        hub.publish(Self.reading(point, 22, at: 2_000))     // ingested here
        hub.publish(Self.reading(point, 21, at: 1_000))     // older, from another server's notice
        #expect(await Self.values(viewer.route.outbox) == [22])
        hub.publish(Self.reading(point, 23, at: 3_000))
        hub.publish(Self.reading(point, 24, at: 4_000))
        #expect(await Self.values(viewer.route.outbox) == [24])
    }

    @Test("an event goes only to callers whose scope holds it, as of the session's last check")
    func scopeIsCheckedPerDelivery() async throws {
        let hub = LiveEventHub()
        final class Grants: Sendable { let value = Mutex<[Grant]>([Grant(role: .viewer, target: .global)]) }
        let grants = Grants()
        let principal: @Sendable () -> Principal = { Principal(userID: UUID(), name: "p", grants: grants.value.withLock { $0 }) }
        let session = LiveSession(principal: principal(), recheckInterval: 0, authenticate: { principal() },
                                  siteOfBuilding: { [Self.building: Self.site, Self.otherBuilding: Self.otherSite][$0] })
        hub.attach(session.route)
        _ = try await session.receive(#"{"subscribe":{"siteId":"\#(Self.site)"}}"#)
        _ = try await session.receive(#"{"subscribe":{"siteId":"\#(Self.otherSite)"}}"#)
        hub.publish(LiveEvent(kind: "asset.changed", siteID: Self.site, buildingID: Self.building, objectID: "a"))
        hub.publish(LiveEvent(kind: "asset.changed", siteID: Self.otherSite, buildingID: Self.otherBuilding, objectID: "b"))
        #expect(await session.route.outbox.take()?.frames.count == 2)

        // The grant on the other site is revoked: the next check narrows what the hub admits.
        grants.value.withLock { $0 = [Grant(role: .viewer, target: .site(Self.site))] }
        try await session.recheck()
        hub.publish(LiveEvent(kind: "asset.changed", siteID: Self.otherSite, buildingID: Self.otherBuilding, objectID: "hidden-after"))
        hub.publish(LiveEvent(kind: "asset.changed", siteID: Self.site, buildingID: Self.building, objectID: "visible-after"))
        let frames = await session.route.outbox.take()?.frames ?? []
        #expect(frames.count == 1)
        let text = frames.first?.numbered(1) ?? ""
        #expect(text.contains("visible-after") && !text.contains("hidden-after"))
    }

    @Test("an event is numbered per stream by appending seq to text encoded once")
    func encodedFramesAreNumberedCanonically() {
        let event = LiveEvent(kind: "reading", siteID: Self.site, objectID: "x", timeMicros: 5)
        let text = LiveFrame.encoded(event.frame.text).numbered(7)
        var members: [String: CanonicalJSON] = ["seq": 7]
        if case .object(let frame) = event.frame { members.merge(frame) { a, _ in a } }
        #expect(text == CanonicalJSON.object(members).text)
    }

    /// Counts loads; answers after a pause so that callers pile up.
    final class CountingPoints: TelemetryRepository {
        let loads = Mutex(0)
        let points: [LivePoint]
        init(_ points: [LivePoint]) { self.points = points }
        func livePoints() async throws -> [LivePoint] {
            loads.withLock { $0 += 1 }
            try await Task.sleep(for: .milliseconds(50))
            return points
        }
        func points(_ query: PointQuery, scope: AccessScope) async throws -> Page<Point> { Page(items: []) }
        func point(id: UUID, scope: AccessScope) async throws -> Point? { nil }
        func activePoints(siteIDs: Set<UUID>?) async throws -> [Point] { [] }
        func activePointAddresses() async throws -> [PointAddress] { [] }
        func insertReadings(_ readings: [Reading]) async throws -> Int { 0 }
        func series(_ query: ReadingSeriesQuery) async throws -> [ReadingSample] { [] }
        func latest(pointKeys: [Int64]) async throws -> [Int64: Reading] { [:] }
        func ensureReadingPartitions(from first: Date, through last: Date) async throws -> Int { 0 }
        func dropReadingPartitions(before day: Date) async throws -> Int { 0 }
    }

    @Test("a thousand clients asking for the point index at once share one load")
    func concurrentCallersShareOneLoad() async throws {
        var point = Self.point(UUID(), floor: Self.floor1, x: 1)
        point.key = 42
        let repository = CountingPoints([point])
        let index = LivePointIndex(repository: repository)
        let found = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<1_000 { group.addTask { try await index.all().count + (try await index.points([42]).count) } }
            return try await group.reduce(0, +)
        }
        #expect(found == 2_000)
        #expect(repository.loads.withLock { $0 } == 1)
        // A later reload runs again (nothing is stuck in flight).
        try await index.reload()
        #expect(repository.loads.withLock { $0 } == 2)
    }
}
