import AlarmCore
import Foundation
import TwinDomain

/// Tells live clients about alarm changes (`alarm.raised`, `alarm.updated`, `alarm.cleared`,
/// `alarm.acknowledged`, …), placed where the alarm's point is.
public struct LiveAlarmPublisher: Sendable {
    let hub: LiveEventHub
    let points: LivePointIndex

    public init(hub: LiveEventHub, points: LivePointIndex) {
        self.hub = hub
        self.points = points
    }

    func publish(_ alarm: Alarm, event kind: String) async {
        guard hub.subscriberCount > 0 else { return }
        var event = LiveEvent(kind: kind, siteID: alarm.siteID, buildingID: alarm.buildingID, objectKind: "alarm",
                              objectID: alarm.id.uuidString.lowercased(), data: Self.json(alarm), timeMicros: alarm.record.updatedAt)
        event.floorID = alarm.floorID
        event.spaceID = alarm.spaceID
        event.quantity = alarm.quantity
        event.assetKind = alarm.assetKind
        if let point = try? await points.all().first(where: { $0.id == alarm.pointID }) { event.position = point.position }
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
