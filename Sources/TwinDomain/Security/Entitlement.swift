/// A set of permissions effective on one target: what a grant or an API key
/// actually confers once roles are expanded.
public struct Entitlement: Sendable, Hashable {
    public var permissions: Set<Permission>
    public var target: GrantTarget

    public init(permissions: Set<Permission>, target: GrantTarget) {
        self.permissions = permissions
        self.target = target
    }

    public init(grant: Grant) {
        self.init(permissions: grant.role.permissions, target: grant.target)
    }
}
