import Foundation
import TwinDomain

/// An API key as listed: never its secret or digest.
public struct APIKeyView: Sendable, Hashable, Codable {
    public var id: UUID
    public var prefix: String
    public var name: String
    public var siteID: UUID?
    public var buildingID: UUID?
    public var permissions: [String]
    public var expiresAt: Date?
    public var revoked: Bool
    /// Present only in the response that creates the key.
    public var key: String?

    enum CodingKeys: String, CodingKey {
        case id, prefix, name, permissions, revoked, key
        case siteID = "site_id"
        case buildingID = "building_id"
        case expiresAt = "expires_at"
    }

    /// Ids in lower case, as everywhere else in the API (JSONEncoder writes UUIDs upper case).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id.uuidString.lowercased(), forKey: .id)
        try container.encode(prefix, forKey: .prefix)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(siteID?.uuidString.lowercased(), forKey: .siteID)
        try container.encodeIfPresent(buildingID?.uuidString.lowercased(), forKey: .buildingID)
        try container.encode(permissions, forKey: .permissions)
        try container.encodeIfPresent(expiresAt, forKey: .expiresAt)
        try container.encode(revoked, forKey: .revoked)
        try container.encodeIfPresent(key, forKey: .key)
    }

    public init(_ record: APIKeyRecord, key: String? = nil) {
        id = record.id
        prefix = record.prefix
        name = record.name
        siteID = record.target.siteID
        buildingID = record.target.buildingID
        permissions = record.permissions.sorted().map(\.rawValue)
        expiresAt = record.expiresAt
        revoked = record.revokedAt != nil
        self.key = key
    }

    var auditJSON: CanonicalJSON {
        .object([
            "id": .string(id.uuidString.lowercased()), "prefix": .string(prefix), "name": .string(name),
            "site_id": siteID.map { .string($0.uuidString.lowercased()) } ?? .null,
            "building_id": buildingID.map { .string($0.uuidString.lowercased()) } ?? .null,
            "permissions": .array(permissions.map { .string($0) }),
            "expires_at": expiresAt.map { .int(Int64($0.timeIntervalSince1970)) } ?? .null,
            "revoked": .bool(revoked),
        ])
    }
}
