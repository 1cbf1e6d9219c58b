import Foundation

/// The authenticated caller of one request: a user or an API key.
///
/// Built fresh for every request from the database (not from token claims), so
/// a disabled user or a revoked grant takes effect on the very next request.
public struct Principal: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case user
        case apiKey = "api_key"
        /// Operator tooling with direct database access (`atrium user …`).
        case system
    }

    public var kind: Kind
    public var id: UUID
    public var name: String
    public var roles: [Role]
    public var entitlements: [Entitlement]

    public init(kind: Kind, id: UUID, name: String, roles: [Role], entitlements: [Entitlement]) {
        self.kind = kind
        self.id = id
        self.name = name
        self.roles = roles
        self.entitlements = entitlements
    }

    public init(userID: UUID, name: String, grants: [Grant]) {
        var roles: [Role] = []
        for grant in grants where !roles.contains(grant.role) { roles.append(grant.role) }
        self.init(kind: .user, id: userID, name: name, roles: roles,
                  entitlements: grants.map(Entitlement.init(grant:)))
    }

    /// The principal of `atrium user …`: whoever can run it already holds the
    /// database credentials, so it acts as a global admin, audited under `name`.
    public static func system(name: String) -> Principal {
        Principal(kind: .system, id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), name: name, roles: [.admin],
                  entitlements: [Entitlement(permissions: Role.admin.permissions, target: .global)])
    }

    /// Where the caller holds `permission`.
    public func scope(for permission: Permission) -> AccessScope {
        var scope = AccessScope.nothing
        for entitlement in entitlements where entitlement.permissions.contains(permission) {
            scope.formUnion(entitlement.target)
        }
        return scope
    }

    /// Whether the caller holds `permission` anywhere (the route-level check).
    public func hasAnywhere(_ permission: Permission) -> Bool {
        entitlements.contains { $0.permissions.contains(permission) }
    }

    public func can(_ permission: Permission, siteID: UUID?, buildingID: UUID? = nil) -> Bool {
        scope(for: permission).contains(siteID: siteID, buildingID: buildingID)
    }

    /// All permissions held anywhere, for `/v1/auth/me` and audit rows.
    public var allPermissions: Set<Permission> {
        entitlements.reduce(into: Set<Permission>()) { $0.formUnion($1.permissions) }
    }
}
