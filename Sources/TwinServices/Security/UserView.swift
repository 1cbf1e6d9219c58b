import Foundation
import TwinDomain

/// A user as the API shows it: never the password hash.
public struct UserView: Sendable, Hashable, Codable {
    public struct GrantView: Sendable, Hashable, Codable {
        public var id: UUID
        public var role: String
        public var siteID: UUID?
        public var buildingID: UUID?

        enum CodingKeys: String, CodingKey {
            case id, role
            case siteID = "site_id"
            case buildingID = "building_id"
        }
    }

    public var id: UUID
    public var name: String
    public var disabled: Bool
    public var grants: [GrantView]

    public init(_ user: UserRecord) {
        id = user.id
        name = user.name
        disabled = user.disabled
        grants = user.grants.map { GrantView(id: $0.id, role: $0.role.rawValue, siteID: $0.target.siteID, buildingID: $0.target.buildingID) }
    }

    /// Audit snapshot: what an auditor needs to see changed, nothing secret.
    public var auditJSON: CanonicalJSON {
        .object([
            "id": .string(id.uuidString.lowercased()),
            "name": .string(name),
            "disabled": .bool(disabled),
            "grants": .array(grants.map { grant in
                .object([
                    "id": .string(grant.id.uuidString.lowercased()),
                    "role": .string(grant.role),
                    "site_id": grant.siteID.map { .string($0.uuidString.lowercased()) } ?? .null,
                    "building_id": grant.buildingID.map { .string($0.uuidString.lowercased()) } ?? .null,
                ])
            }),
        ])
    }
}
