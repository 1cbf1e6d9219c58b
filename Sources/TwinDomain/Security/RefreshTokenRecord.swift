import Foundation

/// A stored refresh token; only its SHA-256 is kept.
public struct RefreshTokenRecord: Sendable, Hashable {
    public var id: UUID
    /// All tokens rotated from one login share a family; reuse of any used
    /// token revokes the whole family.
    public var familyID: UUID
    public var userID: UUID
    public var tokenHash: [UInt8]
    public var expiresAt: Date
    public var usedAt: Date?
    public var revokedAt: Date?

    public init(id: UUID, familyID: UUID, userID: UUID, tokenHash: [UInt8], expiresAt: Date, usedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.familyID = familyID
        self.userID = userID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        self.usedAt = usedAt
        self.revokedAt = revokedAt
    }
}
