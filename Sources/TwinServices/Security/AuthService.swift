import Foundation
import Logging
import TwinDomain

/// Login, refresh, logout, and turning a bearer credential into a principal.
///
/// Every outcome, good or bad, is audited; secrets never reach a log line or
/// an audit row (only user names, ids and reasons do).
public struct AuthService: Sendable {
    public let store: any SecurityStore
    public let keys: JWTKeySet
    public let settings: AuthSettings
    public let hasher: PasswordHasher
    public let throttle: LoginThrottle
    public let principals: PrincipalCache
    let gateway: ChangeGateway<any SecurityTransaction>
    /// Verified against when the user does not exist, so timing does not reveal valid names.
    let decoyHash: String

    public init(store: any SecurityStore, keys: JWTKeySet, settings: AuthSettings, throttle: LoginThrottle = LoginThrottle(),
                principals: PrincipalCache = PrincipalCache(), logger: Logger) async {
        self.principals = principals
        self.store = store
        self.keys = keys
        self.settings = settings
        self.hasher = PasswordHasher(cost: settings.bcryptCost)
        self.throttle = throttle
        self.gateway = ChangeGateway(securityStore: store, logger: logger)
        // 22 base64url characters: always faithful to bcrypt, so the hash cannot fail.
        self.decoyHash = (try? await hasher.hash(Base64URL.encode(SecretToken.randomBytes(16)))) ?? ""
    }

    // MARK: Login

    /// Every attempt, whatever its content, is throttled, counted and audited: a name no account
    /// could have (control characters, NUL) is an unknown user, never a database error.
    public func login(name: String, password: String, context: AuditContext) async throws -> TokenPair {
        let name = String(name.prefix(128))
        let nameIsPossible = ControlCharacters.first(in: name) == nil
        if let wait = await throttle.retryAfter(account: name, address: context.sourceIP) {
            await audit("auth.login", outcome: .denied, reason: "throttled", actorName: name, context: context)
            throw SecurityError.throttled(retryAfterSeconds: wait)
        }
        let user = nameIsPossible ? try await store.userForLogin(name: name) : nil
        // Always pay the bcrypt cost, even for unknown names.
        let passwordOK = await hasher.verify(password, hash: user?.passwordHash ?? decoyHash)
        guard let user, passwordOK, !user.disabled else {
            await throttle.recordFailure(account: name, address: context.sourceIP)
            let reason = user == nil ? (nameIsPossible ? "unknown_user" : "invalid_name") : (passwordOK ? "disabled" : "bad_password")
            await audit("auth.login", outcome: .failure, reason: reason, actorName: name, actorID: user?.id, context: context)
            throw SecurityError.unauthenticated(reason: reason)
        }
        await throttle.recordSuccess(account: name, address: context.sourceIP)
        let refresh = SecretToken.newRefreshToken()
        let principal = user.principal
        let expires = Date().addingTimeInterval(settings.refreshTokenLifetime)
        try await store.withTransaction { tx in
            try await tx.insertRefreshToken(RefreshTokenRecord(
                id: UUID(), familyID: UUID(), userID: user.id, tokenHash: SecretToken.sha256(refresh), expiresAt: expires))
            var entry = ChangeGateway<any SecurityTransaction>.entry(
                Change(permission: .assetsRead, action: "auth.login", objectKind: "user", objectID: user.id.uuidString.lowercased()),
                principal: principal, context: context, outcome: .success)
            entry.objectID = user.id.uuidString.lowercased()
            try await store.appendAudit(entry, in: tx)
        }
        return try issue(for: user, refreshToken: refresh)
    }

    func issue(for user: UserRecord, refreshToken: String) throws -> TokenPair {
        let now = Int64(Date().timeIntervalSince1970)
        let claims = JWTClaims(
            iss: settings.validation.issuer, sub: user.id.uuidString.lowercased(), aud: [settings.validation.audience],
            exp: now + Int64(settings.accessTokenLifetime), nbf: now, iat: now,
            jti: Base64URL.encode(SecretToken.randomBytes(16)),
            roles: user.principal.roles.map(\.rawValue), ver: user.securityVersion)
        return TokenPair(accessToken: try keys.sign(claims), expiresIn: Int(settings.accessTokenLifetime), refreshToken: refreshToken)
    }

    // MARK: Refresh

    enum RefreshOutcome: Sendable {
        case rotated(UserRecord, String)
        case unknown
        case reused(UUID)
        case expired(UUID)
        case disabled(UUID)
    }

    /// Rotates a refresh token. A token presented twice means it was copied:
    /// the whole family (every token descended from that login) is revoked.
    public func refresh(token: String, context: AuditContext) async throws -> TokenPair {
        let digest = SecretToken.sha256(String(token.prefix(128)))
        let lifetime = settings.refreshTokenLifetime
        let outcome: RefreshOutcome = try await store.withTransaction { tx in
            guard let record = try await tx.refreshToken(hash: digest) else { return .unknown }
            if record.usedAt != nil || record.revokedAt != nil {
                // Commit the revocation even though the caller gets a 401.
                try await tx.revokeRefreshFamily(familyID: record.familyID)
                return .reused(record.userID)
            }
            guard record.expiresAt > Date() else { return .expired(record.userID) }
            guard let user = try await tx.user(id: record.userID, forUpdate: false), !user.disabled else {
                return .disabled(record.userID)
            }
            try await tx.markRefreshTokenUsed(id: record.id)
            let next = SecretToken.newRefreshToken()
            try await tx.insertRefreshToken(RefreshTokenRecord(
                id: UUID(), familyID: record.familyID, userID: user.id, tokenHash: SecretToken.sha256(next),
                expiresAt: Date().addingTimeInterval(lifetime)))
            var entry = ChangeGateway<any SecurityTransaction>.entry(
                Change(permission: .assetsRead, action: "auth.refresh", objectKind: "refresh_family", objectID: record.familyID.uuidString.lowercased()),
                principal: user.principal, context: context, outcome: .success)
            entry.objectID = record.familyID.uuidString.lowercased()
            try await store.appendAudit(entry, in: tx)
            return .rotated(user, next)
        }
        switch outcome {
        case .rotated(let user, let next):
            return try issue(for: user, refreshToken: next)
        case .unknown:
            await audit("auth.refresh", outcome: .failure, reason: "refresh.unknown", context: context)
            throw SecurityError.unauthenticated(reason: "refresh.unknown")
        case .reused(let userID):
            await audit("auth.refresh", outcome: .denied, reason: "refresh.reuse_family_revoked", actorID: userID, context: context)
            throw SecurityError.unauthenticated(reason: "refresh.reuse")
        case .expired(let userID):
            await audit("auth.refresh", outcome: .failure, reason: "refresh.expired", actorID: userID, context: context)
            throw SecurityError.unauthenticated(reason: "refresh.expired")
        case .disabled(let userID):
            await audit("auth.refresh", outcome: .failure, reason: "user.disabled", actorID: userID, context: context)
            throw SecurityError.unauthenticated(reason: "user.disabled")
        }
    }

    /// Revokes the refresh family of `token`. Idempotent: unknown tokens succeed silently.
    public func logout(token: String, context: AuditContext) async throws {
        let digest = SecretToken.sha256(String(token.prefix(128)))
        try await store.withTransaction { tx in
            guard let record = try await tx.refreshToken(hash: digest) else { return }
            try await tx.revokeRefreshFamily(familyID: record.familyID)
            let user = try await tx.user(id: record.userID, forUpdate: false)
            var entry = ChangeGateway<any SecurityTransaction>.entry(
                Change(permission: .assetsRead, action: "auth.logout", objectKind: "refresh_family", objectID: record.familyID.uuidString.lowercased()),
                principal: user?.principal, context: context, outcome: .success)
            entry.actorID = record.userID
            try await store.appendAudit(entry, in: tx)
        }
    }

    // MARK: Per-request authentication

    /// Resolves a bearer credential (JWT or `atr_…` API key) to a principal.
    ///
    /// The signature check and the user's state (disabled, security version,
    /// grants) may come from ``PrincipalCache``, whose documentation argues why a
    /// disable or revoke still takes effect on the next request in this process
    /// and within its TTL elsewhere. API keys are read from the database on every
    /// request, so a revoked key dies at once on every instance.
    public func authenticate(bearer: String, context: AuditContext) async throws -> Principal {
        do {
            if bearer.hasPrefix("atr_") { return try await authenticateAPIKey(bearer) }
            guard bearer.utf8.count <= JWTKeySet.maximumTokenBytes else { throw SecurityError.unauthenticated(reason: "token.too_large") }
            let digest = PrincipalCache.digest(bearer)
            let cached = await principals.lookup(token: digest, leeway: settings.validation.leewaySeconds)
            let claims: JWTClaims
            if let hit = cached.claims {
                claims = hit
            } else {
                do {
                    claims = try keys.verify(bearer, validation: settings.validation)
                } catch let error as JWTError {
                    throw SecurityError.unauthenticated(reason: error.auditReason)
                }
                await principals.rememberVerified(digest, claims: claims)
            }
            let user: UserRecord
            let principal: Principal
            if let cachedUser = cached.user, let cachedPrincipal = cached.principal {
                user = cachedUser
                principal = cachedPrincipal
            } else {
                guard let userID = UUID(uuidString: claims.sub) else { throw SecurityError.unauthenticated(reason: "token.bad_sub") }
                guard let loaded = try await store.userForRequest(id: userID) else {
                    throw SecurityError.unauthenticated(reason: "user.unknown")
                }
                // Stored only if no invalidation happened since `cached.epoch` was read.
                await principals.store(loaded, loadedAt: cached.epoch)
                user = loaded
                principal = loaded.principal
            }
            guard !user.disabled else { throw SecurityError.unauthenticated(reason: "user.disabled") }
            // A password change or disable bumps the version and kills older tokens.
            guard claims.ver == user.securityVersion else { throw SecurityError.unauthenticated(reason: "token.stale_version") }
            return principal
        } catch SecurityError.unauthenticated(let reason) {
            await audit("auth.authenticate", outcome: .failure, reason: reason, context: context)
            throw SecurityError.unauthenticated(reason: reason)
        }
    }

    private func authenticateAPIKey(_ key: String) async throws -> Principal {
        guard let prefix = SecretToken.apiKeyPrefix(key) else { throw SecurityError.unauthenticated(reason: "apikey.malformed") }
        guard let record = try await store.apiKey(prefix: prefix),
              SecretToken.constantTimeEqual(record.secretHash, SecretToken.sha256(key)) else {
            throw SecurityError.unauthenticated(reason: "apikey.unknown")
        }
        guard record.revokedAt == nil else { throw SecurityError.unauthenticated(reason: "apikey.revoked") }
        if let expires = record.expiresAt, expires <= Date() { throw SecurityError.unauthenticated(reason: "apikey.expired") }
        return record.principal
    }

    // MARK: Audit helpers

    func audit(_ action: String, outcome: AuditOutcome, reason: String, actorName: String? = nil, actorID: UUID? = nil,
               context: AuditContext) async {
        await gateway.record(AuditEntry(
            timeMicros: AuditEntry.nowMicros(), actorKind: actorID == nil && actorName == nil ? "anonymous" : "user",
            actorID: actorID, actorName: actorName, sourceIP: context.sourceIP, userAgent: context.userAgent,
            requestID: context.requestID, action: action, objectKind: "user", outcome: outcome, reason: reason,
            clientRequestID: context.clientRequestID))
    }

    /// Records an authorization refusal decided by the API layer (route-level 403).
    public func auditDenied(_ permission: Permission, action: String, principal: Principal?, context: AuditContext) async {
        await gateway.auditDenial(Change(permission: permission, action: action, objectKind: "route"),
                                  principal: principal, context: context, reason: "permission:" + permission.rawValue)
    }
}
