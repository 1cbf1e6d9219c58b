import Foundation

/// A stored account with its grants.
public struct UserRecord: Sendable, Hashable {
    public var id: UUID
    public var name: String
    public var passwordHash: String
    public var disabled: Bool
    /// Bumped by every security-relevant change (password, disable, grants)
    /// so caches and tokens can tell stale state apart.
    public var securityVersion: Int64
    public var grants: [Grant]

    public init(id: UUID, name: String, passwordHash: String, disabled: Bool, securityVersion: Int64, grants: [Grant]) {
        self.id = id
        self.name = name
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.securityVersion = securityVersion
        self.grants = grants
    }

    public var principal: Principal { Principal(userID: id, name: name, grants: grants) }

    /// Visible to a caller whose scope touches any of the user's grants.
    public func isVisible(in scope: AccessScope) -> Bool {
        scope.isGlobal || grants.contains { scope.covers($0.target) }
    }

    /// Fully administered by a caller whose scope covers every grant; only then
    /// may the caller change what affects the whole account (password, disable).
    public func isFullyCovered(by scope: AccessScope) -> Bool {
        scope.isGlobal || (!grants.isEmpty && grants.allSatisfy { scope.covers($0.target) })
    }
}
