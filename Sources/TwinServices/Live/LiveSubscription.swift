import Foundation
import TwinDomain

/// One subscription of a live client: a topic, optionally narrowed to quantities and asset kinds.
///
/// Wire form (the value of `subscribe` / `unsubscribe`): exactly one of `siteId`, `buildingId`,
/// `floorId`, `spaceId`, with `box: [minX, minY, minZ, maxX, maxY, maxZ]` (metres) allowed beside
/// `buildingId`; optional `quantities: [...]` and `assetKinds: [...]`.
public struct LiveSubscription: Sendable, Hashable {
    public var topic: LiveTopic
    public var quantities: Set<String>
    public var assetKinds: Set<String>

    public init(topic: LiveTopic, quantities: Set<String> = [], assetKinds: Set<String> = []) {
        self.topic = topic
        self.quantities = quantities
        self.assetKinds = assetKinds
    }

    /// A refusal the client can act on.
    public struct Invalid: Error, Sendable, Equatable {
        public var detail: String
    }

    static let topicKeys: Set<String> = ["siteId", "buildingId", "floorId", "spaceId"]
    static let knownKeys: Set<String> = topicKeys.union(["box", "quantities", "assetKinds"])

    public init(json: Any?) throws(Invalid) {
        guard let object = json as? [String: Any] else {
            throw Invalid(detail: "A subscription is an object: {\"buildingId\"|\"floorId\"|\"spaceId\"|\"siteId\": UUID, …}.")
        }
        if let unknown = Set(object.keys).subtracting(Self.knownKeys).sorted().first {
            throw Invalid(detail: "Unknown member \(String(unknown.prefix(32))).")
        }
        let named = Set(object.keys).intersection(Self.topicKeys)
        guard named.count == 1, let key = named.first else {
            throw Invalid(detail: "Name exactly one of siteId, buildingId, floorId, spaceId.")
        }
        guard let text = object[key] as? String, let id = UUID(uuidString: text) else { throw Invalid(detail: "\(key) must be a UUID.") }
        if let corners = object["box"] {
            guard key == "buildingId" else { throw Invalid(detail: "box goes with buildingId.") }
            topic = .box(building: id, try Self.box(corners))
        } else {
            switch key {
            case "siteId": topic = .site(id)
            case "buildingId": topic = .building(id)
            case "floorId": topic = .floor(id)
            default: topic = .space(id)
            }
        }
        quantities = try Self.names(object["quantities"], "quantities")
        assetKinds = try Self.names(object["assetKinds"], "assetKinds")
    }

    /// Six finite numbers, each minimum ≤ its maximum: a box given inside out is a mistake to report,
    /// not one to fix silently.
    static func box(_ value: Any) throws(Invalid) -> Box3D {
        guard let numbers = value as? [Any], numbers.count == 6 else { throw Invalid(detail: "box is [minX, minY, minZ, maxX, maxY, maxZ].") }
        var corners: [Double] = []
        for number in numbers {
            // JSON booleans arrive as NSNumbers of Objective-C type "c" (and `is Bool` holds for 0 and 1 too).
            guard let n = number as? NSNumber, String(cString: n.objCType) != "c", n.doubleValue.isFinite else {
                throw Invalid(detail: "box corners must be finite numbers.")
            }
            corners.append(n.doubleValue)
        }
        guard corners[0] <= corners[3], corners[1] <= corners[4], corners[2] <= corners[5] else {
            throw Invalid(detail: "box corners are inverted: each minimum must not exceed its maximum.")
        }
        guard corners[3] - corners[0] <= 100_000, corners[4] - corners[1] <= 100_000, corners[5] - corners[2] <= 100_000 else {
            throw Invalid(detail: "box is larger than 100 km.")
        }
        return Box3D(min: Point3D(x: corners[0], y: corners[1], z: corners[2]), max: Point3D(x: corners[3], y: corners[4], z: corners[5]))
    }

    static func names(_ value: Any?, _ member: String) throws(Invalid) -> Set<String> {
        guard let value else { return [] }
        guard let list = value as? [String], list.count <= 64, list.allSatisfy({ (1...64).contains($0.count) }) else {
            throw Invalid(detail: "\(member) is a list of at most 64 names.")
        }
        return Set(list)
    }

    public func matches(_ event: LiveEvent) -> Bool {
        guard topic.matches(event) else { return false }
        if !quantities.isEmpty { guard let quantity = event.quantity, quantities.contains(quantity) else { return false } }
        if !assetKinds.isEmpty { guard let kind = event.assetKind, assetKinds.contains(kind) else { return false } }
        return true
    }

    public func contains(_ point: LivePoint) -> Bool {
        guard topic.contains(point) else { return false }
        if !quantities.isEmpty, !quantities.contains(point.quantity) { return false }
        if !assetKinds.isEmpty { guard let kind = point.assetKind, assetKinds.contains(kind) else { return false } }
        return true
    }

    public var json: CanonicalJSON {
        guard case .object(var members) = topic.json else { return topic.json }
        if !quantities.isEmpty { members["quantities"] = .array(quantities.sorted().map { .string($0) }) }
        if !assetKinds.isEmpty { members["assetKinds"] = .array(assetKinds.sorted().map { .string($0) }) }
        return .object(members)
    }
}
