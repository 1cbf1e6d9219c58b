/// What an asset is to a facility manager; decides which capacity rules apply.
///
/// Raw values are stable: they appear in the API, the rules file and the database.
public enum AssetKind: String, Sendable, Hashable, Codable, CaseIterable {
    case rack
    case device
    case coolingUnit = "cooling_unit"
    case powerUnit = "power_unit"
    case sensor
    /// Building services and appliances that are none of the above (pumps, fans, fridges, TVs).
    case equipment
    case furniture
    case door
    case window
    /// Sanitary fittings, luminaires, switches and sockets, bathroom accessories.
    case fixture
    /// Any other component a handover lists (COBie's Component sheet, or an IFC element COBie would list).
    case other
}
