import Foundation

/// A machine-client credential: looked up by its public prefix, verified by
/// the SHA-256 of the whole key, limited to one target and listed permissions.
public struct APIKeyRecord: Sendable, Hashable {
    public var id: UUID
    public var prefix: String
    public var secretHash: [UInt8]
    public var name: String
    public var target: GrantTarget
    public var permissions: Set<Permission>
    public var createdBy: UUID?
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(id: UUID, prefix: String, secretHash: [UInt8], name: String, target: GrantTarget,
                permissions: Set<Permission>, createdBy: UUID?, expiresAt: Date?, revokedAt: Date? = nil) {
        self.id = id
        self.prefix = prefix
        self.secretHash = secretHash
        self.name = name
        self.target = target
        self.permissions = permissions
        self.createdBy = createdBy
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// What audit rows and job listings show for a key: `apikey:<name>`. User names cannot
    /// contain `:`, so a key can never be shown (or mistaken) as a user.
    public static func principalName(_ keyName: String) -> String { "apikey:" + keyName }

    public var principal: Principal {
        Principal(kind: .apiKey, id: id, name: Self.principalName(name), roles: [],
                  entitlements: [Entitlement(permissions: permissions, target: target)])
    }
}
