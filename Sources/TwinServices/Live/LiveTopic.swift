import Foundation

/// What a live client subscribes to: everything of one site, or of one building.
public enum LiveTopic: Sendable, Hashable {
    case site(UUID)
    case building(UUID)

    /// Parses `{"siteId": "…"}` or `{"buildingId": "…"}` (exactly one of them).
    public init?(json: Any?) {
        guard let object = json as? [String: Any], object.count == 1 else { return nil }
        if let text = object["siteId"] as? String, let id = UUID(uuidString: text) {
            self = .site(id)
        } else if let text = object["buildingId"] as? String, let id = UUID(uuidString: text) {
            self = .building(id)
        } else {
            return nil
        }
    }

    public var json: [String: String] {
        switch self {
        case .site(let id): return ["siteId": id.uuidString.lowercased()]
        case .building(let id): return ["buildingId": id.uuidString.lowercased()]
        }
    }

    /// Whether an event falls under this topic (a site topic covers its buildings).
    public func matches(_ event: LiveEvent) -> Bool {
        switch self {
        case .site(let id): return event.siteID == id
        case .building(let id): return event.buildingID == id
        }
    }
}
