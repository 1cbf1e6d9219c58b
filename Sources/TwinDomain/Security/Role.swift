/// A bundle of permissions granted to a user globally, on a site or on a building.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case admin
    case facilityManager = "facility_manager"
    case `operator`
    case viewer
    case auditor
}
