import Foundation
import TwinDomain

/// A short-lived cache of users (state + grants) for per-request authentication.
///
/// Every security write in this process invalidates the user it touched, so a
/// disable or revoke is effective on the very next request here. Other
/// instances see it after at most `ttl` (default 1 s); set the TTL to 0 to go
/// to the database on every request (measured in tools/bench-auth).
public actor PrincipalCache {
    public let ttl: TimeInterval
    let capacity: Int
    private var entries: [UUID: (user: UserRecord, loadedAt: Date)] = [:]
    /// Access tokens whose signature and claims were already verified; entries
    /// are only trusted until the token's own `exp` (re-checked on every hit).
    private var verified: [String: JWTClaims] = [:]

    public init(ttl: TimeInterval = 1, capacity: Int = 10_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    public func user(_ id: UUID, now: Date = Date()) -> UserRecord? {
        guard ttl > 0, let entry = entries[id] else { return nil }
        guard now.timeIntervalSince(entry.loadedAt) < ttl else {
            entries[id] = nil
            return nil
        }
        return entry.user
    }

    public func store(_ user: UserRecord, now: Date = Date()) {
        guard ttl > 0 else { return }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[user.id] = (user, now)
    }

    public func verifiedClaims(_ token: String, now: Date = Date(), leeway: Int64) -> JWTClaims? {
        guard ttl > 0, let claims = verified[token] else { return nil }
        guard claims.exp + leeway > Int64(now.timeIntervalSince1970) else {
            verified[token] = nil
            return nil
        }
        return claims
    }

    public func rememberVerified(_ token: String, claims: JWTClaims) {
        guard ttl > 0 else { return }
        if verified.count >= capacity { verified.removeAll(keepingCapacity: true) }
        verified[token] = claims
    }

    public func invalidate(_ id: UUID) {
        entries[id] = nil
    }
}
