import Foundation
import Logging
import PostgresNIO
import TwinDomain

/// Security writes on one connection that is inside a transaction.
public struct PostgresSecurityTransaction: SecurityTransaction {
    let connection: PostgresConnection
    let logger: Logger

    func run(_ query: PostgresQuery) async throws {
        try await connection.query(query, logger: logger)
    }

    public func insertUser(id: UUID, name: String, passwordHash: String) async throws {
        try await run("INSERT INTO users (id, name, password_hash) VALUES (\(id), \(name), \(passwordHash))")
    }

    public func user(id: UUID, forUpdate: Bool) async throws -> UserRecord? {
        if forUpdate {
            try await run("SELECT 1 FROM users WHERE id = \(id) FOR UPDATE")
        }
        let rows = try await connection.query(PostgresSecurityStore.userSelect(id: id), logger: logger)
        return try await PostgresSecurityStore.users(from: rows).first
    }

    public func updatePassword(userID: UUID, passwordHash: String) async throws {
        try await run("""
            UPDATE users SET password_hash = \(passwordHash), security_version = security_version + 1, updated_at = now()
            WHERE id = \(userID)
            """)
    }

    public func setDisabled(userID: UUID, disabled: Bool) async throws {
        try await run("""
            UPDATE users SET disabled = \(disabled), security_version = security_version + 1, updated_at = now()
            WHERE id = \(userID)
            """)
    }

    public func insertGrant(userID: UUID, grant: Grant) async throws {
        try await run("""
            INSERT INTO user_grants (id, user_id, role, site_id, building_id)
            VALUES (\(grant.id), \(userID), \(grant.role.rawValue), \(grant.target.siteID), \(grant.target.buildingID))
            """)
    }

    public func deleteGrant(userID: UUID, grantID: UUID) async throws -> Grant? {
        let rows = try await connection.query("""
            DELETE FROM user_grants WHERE id = \(grantID) AND user_id = \(userID)
            RETURNING id, role, site_id, building_id
            """, logger: logger)
        for try await (id, role, site, building) in rows.decode((UUID, String, UUID?, UUID?).self) {
            return PostgresSecurityStore.grant(id: id, role: role, site: site, building: building)
        }
        return nil
    }

    public func insertRefreshToken(_ token: RefreshTokenRecord) async throws {
        try await run("""
            INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at)
            VALUES (\(token.id), \(token.familyID), \(token.userID), \(ByteBuffer(bytes: token.tokenHash)), \(token.expiresAt))
            """)
    }

    public func refreshToken(hash: [UInt8]) async throws -> RefreshTokenRecord? {
        let rows = try await connection.query("""
            SELECT id, family_id, user_id, token_hash, expires_at, used_at, revoked_at
            FROM refresh_tokens WHERE token_hash = \(ByteBuffer(bytes: hash)) FOR UPDATE
            """, logger: logger)
        for try await (id, family, user, digest, expires, used, revoked)
            in rows.decode((UUID, UUID, UUID, ByteBuffer, Date, Date?, Date?).self) {
            return RefreshTokenRecord(id: id, familyID: family, userID: user, tokenHash: Array(digest.readableBytesView), expiresAt: expires,
                                      usedAt: used, revokedAt: revoked)
        }
        return nil
    }

    public func markRefreshTokenUsed(id: UUID) async throws {
        try await run("UPDATE refresh_tokens SET used_at = now() WHERE id = \(id)")
    }

    public func revokeRefreshFamily(familyID: UUID) async throws {
        try await run("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = \(familyID) AND revoked_at IS NULL")
    }

    public func revokeRefreshTokens(userID: UUID) async throws {
        try await run("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = \(userID) AND revoked_at IS NULL")
    }

    public func insertAPIKey(_ key: APIKeyRecord) async throws {
        let permissions = key.permissions.sorted().map(\.rawValue)
        try await run("""
            INSERT INTO api_keys (id, prefix, secret_hash, name, site_id, building_id, permissions, created_by, expires_at)
            VALUES (\(key.id), \(key.prefix), \(ByteBuffer(bytes: key.secretHash)), \(key.name), \(key.target.siteID), \(key.target.buildingID),
                    \(permissions), \(key.createdBy), \(key.expiresAt))
            """)
    }

    public func apiKey(id: UUID) async throws -> APIKeyRecord? {
        let rows = try await connection.query("""
            SELECT \(unescaped: PostgresSecurityStore.apiKeyColumns) FROM api_keys WHERE id = \(id) FOR UPDATE
            """, logger: logger)
        return try await PostgresSecurityStore.apiKeys(from: rows).first
    }

    public func revokeAPIKey(id: UUID) async throws {
        try await run("UPDATE api_keys SET revoked_at = now() WHERE id = \(id) AND revoked_at IS NULL")
    }
}
