/// What changed about an entity between two model versions.
public enum DiffAspect: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case attributes
    case propertySets = "property_sets"
    case placement
    case geometry

    public static func < (lhs: DiffAspect, rhs: DiffAspect) -> Bool { lhs.rawValue < rhs.rawValue }
}
