/// What an asset is to a facility manager; decides which capacity rules apply.
///
/// Raw values are stable: they appear in the API, the rules file and the database.
public enum AssetKind: String, Sendable, Hashable, Codable, CaseIterable {
    case rack
    case device
    case coolingUnit = "cooling_unit"
    case powerUnit = "power_unit"
    case sensor
    case equipment
}
