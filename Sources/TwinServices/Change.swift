import Foundation
import TwinDomain

/// What a write intends to do, declared before it runs.
public struct Change: Sendable, Hashable {
    public var permission: Permission
    /// Audit action name, e.g. `user.create`, `grant.add`, `import.create`.
    public var action: String
    public var objectKind: String
    public var objectID: String?
    /// Where the object lives, when known up front; the body re-checks what it loads.
    public var siteID: UUID?
    public var buildingID: UUID?

    public init(permission: Permission, action: String, objectKind: String, objectID: String? = nil,
                siteID: UUID? = nil, buildingID: UUID? = nil) {
        self.permission = permission
        self.action = action
        self.objectKind = objectKind
        self.objectID = objectID
        self.siteID = siteID
        self.buildingID = buildingID
    }
}
