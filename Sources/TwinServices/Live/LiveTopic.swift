import Foundation
import TwinDomain

/// What a live client subscribes to: a site, a building, a floor, a space, or an axis-aligned box
/// in a building's local metres.
public enum LiveTopic: Sendable, Hashable {
    case site(UUID)
    case building(UUID)
    case floor(UUID)
    case space(UUID)
    case box(building: UUID, Box3D)

    public var json: CanonicalJSON {
        switch self {
        case .site(let id): return ["siteId": .string(id.uuidString.lowercased())]
        case .building(let id): return ["buildingId": .string(id.uuidString.lowercased())]
        case .floor(let id): return ["floorId": .string(id.uuidString.lowercased())]
        case .space(let id): return ["spaceId": .string(id.uuidString.lowercased())]
        case .box(let building, let box):
            let corners = [box.min.x, box.min.y, box.min.z, box.max.x, box.max.y, box.max.z].map { CanonicalJSON.number($0) }
            return ["buildingId": .string(building.uuidString.lowercased()), "box": .array(corners)]
        }
    }

    /// Whether an event falls under this topic (a site covers its buildings, a building its floors).
    public func matches(_ event: LiveEvent) -> Bool {
        switch self {
        case .site(let id): return event.siteID == id
        case .building(let id): return event.buildingID == id
        case .floor(let id): return event.floorID == id
        case .space(let id): return event.spaceID == id
        case .box(let building, let box):
            guard event.buildingID == building, let position = event.position else { return false }
            return box.contains(position)
        }
    }

    /// Whether a point lies under this topic (for snapshots).
    public func contains(_ point: LivePoint) -> Bool {
        switch self {
        case .site(let id): return point.siteID == id
        case .building(let id): return point.buildingID == id
        case .floor(let id): return point.floorID == id
        case .space(let id): return point.spaceID == id
        case .box(let building, let box):
            guard point.buildingID == building, let position = point.position else { return false }
            return box.contains(position)
        }
    }
}
