import Foundation
import TwinDomain

/// Something that happened in the twin that live clients may want to see
/// (an import finished, an asset changed, later sensor readings and alarms).
///
/// Every event names the site it belongs to and, when it lies in one, the
/// building: that is what delivery is scope-filtered on, so a publisher cannot
/// forget to say where an event belongs.
public struct LiveEvent: Sendable, Hashable {
    /// Dotted name, e.g. `import.completed`, `asset.changed`.
    public var kind: String
    public var siteID: UUID
    public var buildingID: UUID?
    public var objectKind: String?
    public var objectID: String?
    /// Small payload; clients fetch details through the REST API (which scopes them again).
    public var data: CanonicalJSON?
    public var timeMicros: Int64
    /// Where in the building it happened, for floor, space and box subscriptions and their filters
    /// (readings and alarms carry them; imports do not).
    public var floorID: UUID?
    public var spaceID: UUID?
    public var position: Point3D?
    public var quantity: String?
    public var assetKind: String?
    /// Set for readings: a slow client gets only the newest value of each point.
    public var coalescingKey: UUID?

    public init(kind: String, siteID: UUID, buildingID: UUID? = nil, objectKind: String? = nil, objectID: String? = nil,
                data: CanonicalJSON? = nil, timeMicros: Int64 = AuditEntry.nowMicros()) {
        self.kind = kind
        self.siteID = siteID
        self.buildingID = buildingID
        self.objectKind = objectKind
        self.objectID = objectID
        self.data = data
        self.timeMicros = timeMicros
    }

    /// The same event placed where a point is.
    public func placed(at point: LivePoint) -> LiveEvent {
        var event = self
        event.floorID = point.floorID
        event.spaceID = point.spaceID
        event.position = point.position
        event.quantity = point.quantity
        event.assetKind = point.assetKind
        return event
    }

    /// Whether `other` lies where this one does, as subscriptions see it (topic and filters).
    func samePlace(as other: LiveEvent) -> Bool {
        siteID == other.siteID && buildingID == other.buildingID && floorID == other.floorID && spaceID == other.spaceID
            && position == other.position && quantity == other.quantity && assetKind == other.assetKind
    }

    /// The wire form sent to clients: `{"event": {...}}`.
    public var frame: CanonicalJSON {
        var event: [String: CanonicalJSON] = [
            "kind": .string(kind),
            "siteId": .string(siteID.uuidString.lowercased()),
            "time_us": .int(timeMicros),
        ]
        if let buildingID { event["buildingId"] = .string(buildingID.uuidString.lowercased()) }
        if let objectKind { event["objectKind"] = .string(objectKind) }
        if let objectID { event["objectId"] = .string(objectID) }
        if let data { event["data"] = data }
        return ["event": .object(event)]
    }
}
