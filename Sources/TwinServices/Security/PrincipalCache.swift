import Crypto
import Foundation
import TwinDomain

/// What per-request authentication may reuse between requests, bounded in size and time.
///
/// Two maps, both consulted in one actor hop on the hot path:
///
/// - **Verified tokens**, keyed by the SHA-256 of the bearer string (the cache never
///   holds a usable credential, and keys are fixed-size). An entry only records that
///   the signature, issuer, audience and `nbf` were checked once; signatures and the
///   process's key set never change, so the entry stays true until the token's own
///   `exp` (re-checked on every hit). It says nothing about the *user*: state is
///   checked separately below on every request.
/// - **Users** (disabled flag, security version, grants, and the principal built from
///   them), kept at most `ttl` seconds (default 1 s).
///
/// Why a disable or revoke is still effective at once in this process:
/// every security write (`UserAdminService`) calls ``invalidate(_:)`` after it
/// commits, which drops the user and bumps a *security epoch*. A request that started
/// loading a user before that commit could otherwise put the stale row back after the
/// invalidation; ``store(_:loadedAt:now:)`` refuses any row whose load began under an
/// older epoch, so stale state can never outlive the invalidation. A disabled user also
/// gets a new security version, and a token whose `ver` differs is refused, so even a
/// cached token is useless once the fresh user row is read. Other instances (or
/// `atrium user …` in another process) are seen after at most `ttl`; `ttl` 0 turns all
/// caching off (every request verifies the signature and reads the database).
public actor PrincipalCache {
    public let ttl: TimeInterval
    let capacity: Int

    struct CachedUser {
        var user: UserRecord
        var principal: Principal
        var loadedAt: Date
    }

    /// The result of one lookup: whatever is reusable, plus the epoch to load under.
    public struct Lookup: Sendable {
        public var claims: JWTClaims?
        public var user: UserRecord?
        public var principal: Principal?
        public var epoch: UInt64
    }

    private var users: [UUID: CachedUser] = [:]
    private var verified: [SHA256Digest: JWTClaims] = [:]
    /// Bumped by every invalidation; see the type's documentation.
    private var epoch: UInt64 = 0

    public init(ttl: TimeInterval = 1, capacity: Int = 10_000) {
        self.ttl = ttl
        self.capacity = max(1, capacity)
    }

    public var isEnabled: Bool { ttl > 0 }

    /// The cache key of a bearer string.
    public nonisolated static func digest(_ token: String) -> SHA256Digest {
        SHA256.hash(data: Array(token.utf8))
    }

    /// Verified claims for the token (if still unexpired) and, when they name a user,
    /// that user if loaded less than `ttl` ago.
    public func lookup(token: SHA256Digest, now: Date = Date(), leeway: Int64) -> Lookup {
        var result = Lookup(claims: nil, user: nil, principal: nil, epoch: epoch)
        guard isEnabled, let claims = verified[token] else { return result }
        guard claims.exp + leeway > Int64(now.timeIntervalSince1970) else {
            verified[token] = nil
            return result
        }
        result.claims = claims
        if let id = UUID(uuidString: claims.sub), let cached = freshUser(id, now: now) {
            result.user = cached.user
            result.principal = cached.principal
        }
        return result
    }

    /// The epoch a database load must start under (for ``store(_:loadedAt:now:)``).
    public func currentEpoch() -> UInt64 { epoch }

    public func user(_ id: UUID, now: Date = Date()) -> UserRecord? {
        freshUser(id, now: now)?.user
    }

    private func freshUser(_ id: UUID, now: Date) -> CachedUser? {
        guard let entry = users[id] else { return nil }
        guard now.timeIntervalSince(entry.loadedAt) < ttl, now >= entry.loadedAt else {
            users[id] = nil
            return nil
        }
        return entry
    }

    /// Keeps a user read from the database, unless an invalidation happened since the
    /// read began (`loadedAt` is the epoch from ``lookup(token:now:leeway:)``).
    @discardableResult
    public func store(_ user: UserRecord, loadedAt loadEpoch: UInt64, now: Date = Date()) -> Bool {
        guard isEnabled, loadEpoch == epoch else { return false }
        if users.count >= capacity {
            users = users.filter { now.timeIntervalSince($0.value.loadedAt) < ttl }
            if users.count >= capacity { users.removeAll(keepingCapacity: true) }
        }
        users[user.id] = CachedUser(user: user, principal: user.principal, loadedAt: now)
        return true
    }

    /// Remembers that a token's signature and claims were verified.
    public func rememberVerified(_ token: SHA256Digest, claims: JWTClaims, now: Date = Date()) {
        guard isEnabled else { return }
        if verified.count >= capacity {
            let seconds = Int64(now.timeIntervalSince1970)
            verified = verified.filter { $0.value.exp > seconds }
            if verified.count >= capacity { verified.removeAll(keepingCapacity: true) }
        }
        verified[token] = claims
    }

    /// Drops a user after a security write committed and moves the epoch on.
    public func invalidate(_ id: UUID) {
        users[id] = nil
        epoch &+= 1
    }

    /// Drops every cached user (e.g. after bulk changes) and moves the epoch on.
    public func invalidateAll() {
        users.removeAll()
        epoch &+= 1
    }

    /// Sizes of both maps, for tests.
    public var counts: (users: Int, tokens: Int) { (users.count, verified.count) }
}
