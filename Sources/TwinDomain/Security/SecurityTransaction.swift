import Foundation

/// Account, grant, token and key writes available inside one transaction.
public protocol SecurityTransaction: Sendable {
    func insertUser(id: UUID, name: String, passwordHash: String) async throws
    func user(id: UUID, forUpdate: Bool) async throws -> UserRecord?
    func updatePassword(userID: UUID, passwordHash: String) async throws
    func setDisabled(userID: UUID, disabled: Bool) async throws
    func insertGrant(userID: UUID, grant: Grant) async throws
    func deleteGrant(userID: UUID, grantID: UUID) async throws -> Grant?

    func insertRefreshToken(_ token: RefreshTokenRecord) async throws
    func refreshToken(hash: [UInt8]) async throws -> RefreshTokenRecord?
    func markRefreshTokenUsed(id: UUID) async throws
    func revokeRefreshFamily(familyID: UUID) async throws
    func revokeRefreshTokens(userID: UUID) async throws

    func insertAPIKey(_ key: APIKeyRecord) async throws
    func apiKey(id: UUID) async throws -> APIKeyRecord?
    func revokeAPIKey(id: UUID) async throws
}
