import Foundation

/// A building's health rolled up from its open alarms: the building, each floor and each space.
public struct BuildingHealth: Sendable, Hashable {
    public var buildingID: UUID
    public var building: HealthStatus
    public var floors: [UUID: HealthStatus]
    public var spaces: [UUID: HealthStatus]

    public init(buildingID: UUID, building: HealthStatus = HealthStatus(), floors: [UUID: HealthStatus] = [:],
                spaces: [UUID: HealthStatus] = [:]) {
        self.buildingID = buildingID
        self.building = building
        self.floors = floors
        self.spaces = spaces
    }
}
