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

        /// Ids in lower case, as everywhere else in the API (JSONEncoder writes UUIDs upper case).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id.uuidString.lowercased(), forKey: .id)
            try container.encode(role, forKey: .role)
            try container.encodeIfPresent(siteID?.uuidString.lowercased(), forKey: .siteID)
            try container.encodeIfPresent(buildingID?.uuidString.lowercased(), forKey: .buildingID)
        }
    }

    public var id: UUID
    public var name: String
    public var disabled: Bool
    public var grants: [GrantView]

    enum CodingKeys: String, CodingKey { case id, name, disabled, grants }

    /// Ids in lower case, as everywhere else in the API (JSONEncoder writes UUIDs upper case).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id.uuidString.lowercased(), forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(disabled, forKey: .disabled)
        try container.encode(grants, forKey: .grants)
    }

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
