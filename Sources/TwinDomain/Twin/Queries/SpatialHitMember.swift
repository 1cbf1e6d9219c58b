/// Members a compact spatial hit can carry (raw values are the asset representation's names).
public enum SpatialHitMember: String, Sendable, Hashable, CaseIterable {
    case id, kind, name, tag, revision, distance, source, position
    case siteID = "site_id", buildingID = "building_id", floorID = "floor_id", spaceID = "space_id"
    case typeID = "type_id", parentID = "parent_id", modelID = "model_id"

    /// What a hit carries when the caller names no `fields`: enough to label and highlight it.
    public static let compactDefault: [SpatialHitMember] = [.id, .kind, .name, .tag, .parentID, .source, .distance]
}
