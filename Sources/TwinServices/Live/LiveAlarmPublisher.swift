import AlarmCore
import Foundation
import Synchronization
import TwinDomain

/// Tells live clients about alarm changes (`alarm.raised`, `alarm.updated`, `alarm.cleared`,
/// `alarm.acknowledged`, …), placed where the alarm's point is, and, with a store to ask, the
/// asset's health when an alarm change moves it (`health.changed`: a rack turning WARM, HOT, OK).
/// Every server publishes health for the alarm changes it hears, so no separate notice is needed.
public struct LiveAlarmPublisher: Sendable {
    let hub: LiveEventHub
    let points: LivePointIndex
    let health: (any AlarmRepository)?
    /// The health last published per asset, so an alarm update that changes nothing sends nothing.
    let published = HealthMemory()

    public init(hub: LiveEventHub, points: LivePointIndex, health: (any AlarmRepository)? = nil) {
        self.hub = hub
        self.points = points
        self.health = health
    }

    final class HealthMemory: Sendable {
        let statuses = Mutex<[UUID: HealthStatus]>([:])

        /// Records `status` for `asset`; true when it differs from what was recorded before
        /// (an asset never seen counts as OK with nothing open).
        func update(_ asset: UUID, _ status: HealthStatus) -> Bool {
            statuses.withLock { map in
                let before = map[asset] ?? HealthStatus()
                if status == HealthStatus() { map[asset] = nil } else { map[asset] = status }
                return before != status
            }
        }

        func clear() { statuses.withLock { $0.removeAll() } }
    }

    func publish(_ alarm: Alarm, event kind: String) async {
        guard hub.subscriberCount > 0 else {
            // Nobody saw what was published: the next client must hear every asset's health anew.
            published.clear()
            return
        }
        var event = LiveEvent(kind: kind, siteID: alarm.siteID, buildingID: alarm.buildingID, objectKind: "alarm",
                              objectID: alarm.id.uuidString.lowercased(), data: Self.json(alarm), timeMicros: alarm.record.updatedAt)
        event.floorID = alarm.floorID
        event.spaceID = alarm.spaceID
        event.quantity = alarm.quantity
        event.assetKind = alarm.assetKind
        if let point = try? await points.all().first(where: { $0.id == alarm.pointID }) { event.position = point.position }
        hub.publish(event)
        await publishHealth(of: alarm, placedLike: event)
    }

    func publishHealth(of alarm: Alarm, placedLike alarmEvent: LiveEvent) async {
        guard let health, let assetID = alarm.assetID, let status = try? await health.assetHealth(assetID: assetID),
              published.update(assetID, status) else { return }
        var event = alarmEvent
        event.kind = "health.changed"
        event.objectKind = "asset"
        event.objectID = assetID.uuidString.lowercased()
        event.data = .object([
            "assetId": .string(assetID.uuidString.lowercased()), "assetKind": alarm.assetKind.map { .string($0) } ?? .null,
            "thermal": .string(status.thermal.rawValue), "worst": status.worst.map { .string($0.description) } ?? .null,
            "open": .int(Int64(status.open.values.reduce(0, +))),
        ])
        event.timeMicros = alarm.record.updatedAt
        hub.publish(event)
    }

    static func json(_ alarm: Alarm) -> CanonicalJSON {
        let r = alarm.record
        return .object([
            "id": .string(alarm.id.uuidString.lowercased()), "pointId": .string(alarm.pointID.uuidString.lowercased()),
            "state": .string(r.state.rawValue), "severity": .string(r.severity.description),
            "side": r.level.map { .string($0.side.rawValue) } ?? .null, "value": r.lastValue.map { .number($0) } ?? .null,
            "quantity": .string(alarm.quantity), "raised_us": .int(r.raisedAt),
            "assetId": alarm.assetID.map { .string($0.uuidString.lowercased()) } ?? .null,
        ])
    }
}
