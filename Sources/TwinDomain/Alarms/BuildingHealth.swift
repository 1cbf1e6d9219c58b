import Foundation

/// A building's health rolled up from its open alarms: the building, each floor, each space and
/// each asset with an open alarm (a rack's OK, WARM or HOT is what the alarm engine says, not a
/// second truth computed elsewhere).
public struct BuildingHealth: Sendable, Hashable {
    public var buildingID: UUID
    public var building: HealthStatus
    public var floors: [UUID: HealthStatus]
    public var spaces: [UUID: HealthStatus]
    public var assets: [UUID: HealthStatus]

    public init(buildingID: UUID, building: HealthStatus = HealthStatus(), floors: [UUID: HealthStatus] = [:],
                spaces: [UUID: HealthStatus] = [:], assets: [UUID: HealthStatus] = [:]) {
        self.buildingID = buildingID
        self.building = building
        self.floors = floors
        self.spaces = spaces
        self.assets = assets
    }
}
