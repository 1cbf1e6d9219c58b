import Foundation

/// A role given to a user on a target.
public struct Grant: Sendable, Hashable, Codable {
    public var id: UUID
    public var role: Role
    public var target: GrantTarget

    public init(id: UUID = UUID(), role: Role, target: GrantTarget) {
        self.id = id
        self.role = role
        self.target = target
    }
}
