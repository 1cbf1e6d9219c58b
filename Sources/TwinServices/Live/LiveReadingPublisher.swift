import Foundation
import TwinDomain

/// Publishes committed readings to live clients as `reading` events placed on the model (building,
/// floor, space, position, quantity, asset kind), so floor, space and box subscriptions match them.
/// Nothing is looked up while nobody is connected.
public struct LiveReadingPublisher: ReadingObserver {
    let hub: LiveEventHub
    let points: LivePointIndex

    public init(hub: LiveEventHub, points: LivePointIndex) {
        self.hub = hub
        self.points = points
    }

    public func readingsCommitted(_ readings: [Reading]) async {
        guard hub.subscriberCount > 0 else { return }
        // Only the newest reading of each point in the batch: a live view shows the present.
        var newest: [Int64: Reading] = [:]
        for reading in readings where reading.quality != .bad {
            if let seen = newest[reading.pointKey], seen.timeMicros > reading.timeMicros { continue }
            newest[reading.pointKey] = reading
        }
        guard let places = try? await points.points(newest.keys) else { return }
        for (key, reading) in newest {
            guard let point = places[key] else { continue }
            hub.publish(Self.event(reading, point))
        }
    }

    static func event(_ reading: Reading, _ point: LivePoint) -> LiveEvent {
        var event = LiveEvent(kind: "reading", siteID: point.siteID, buildingID: point.buildingID, objectKind: "point",
                              objectID: point.id.uuidString.lowercased(),
                              data: ["value": .number(reading.value), "unit": .string(point.unit),
                                     "quantity": .string(point.quantity), "name": .string(point.name),
                                     "assetId": point.assetID.map { .string($0.uuidString.lowercased()) } ?? .null],
                              timeMicros: reading.timeMicros).placed(at: point)
        event.coalescingKey = point.id
        return event
    }
}
