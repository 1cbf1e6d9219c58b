import Foundation
import Testing
import TwinDomain
@testable import TwinServices

/// The rules that keep the authentication cache from weakening security.
@Suite("Principal cache")
struct PrincipalCacheTests {
    static func user(_ id: UUID = UUID(), disabled: Bool = false, version: Int64 = 1) -> UserRecord {
        UserRecord(id: id, name: "u", passwordHash: "x", disabled: disabled, securityVersion: version,
                   grants: [Grant(role: .viewer, target: .global)])
    }

    static func claims(for id: UUID, exp: Int64) -> JWTClaims {
        JWTClaims(iss: "atrium", sub: id.uuidString.lowercased(), aud: ["atrium-api"], exp: exp, nbf: 0, iat: 0,
                  jti: "j", roles: [], ver: 1)
    }

    @Test func oneLookupReturnsVerifiedClaimsAndTheFreshUser() async {
        let cache = PrincipalCache(ttl: 5)
        let now = Date(timeIntervalSince1970: 1_000)
        let user = Self.user()
        let token = PrincipalCache.digest("header.payload.signature")
        await cache.rememberVerified(token, claims: Self.claims(for: user.id, exp: 1_100), now: now)
        let epoch = await cache.currentEpoch()
        #expect(await cache.store(user, loadedAt: epoch, now: now))
        let hit = await cache.lookup(token: token, now: now.addingTimeInterval(1), leeway: 0)
        #expect(hit.claims?.sub == user.id.uuidString.lowercased())
        #expect(hit.user == user)
        #expect(hit.principal == user.principal)
        // Another token is not known, even for the same user.
        #expect(await cache.lookup(token: PrincipalCache.digest("other"), now: now, leeway: 0).claims == nil)
    }

    @Test func tokensAreTrustedOnlyUntilTheirExpiry() async {
        let cache = PrincipalCache(ttl: 5)
        let token = PrincipalCache.digest("t")
        await cache.rememberVerified(token, claims: Self.claims(for: UUID(), exp: 1_010), now: Date(timeIntervalSince1970: 1_000))
        #expect(await cache.lookup(token: token, now: Date(timeIntervalSince1970: 1_009), leeway: 0).claims != nil)
        #expect(await cache.lookup(token: token, now: Date(timeIntervalSince1970: 1_010), leeway: 0).claims == nil)
        // Dropped for good, not only hidden.
        #expect(await cache.counts.tokens == 0)
    }

    @Test func usersExpireAfterTheTTL() async {
        let cache = PrincipalCache(ttl: 1)
        let user = Self.user()
        let t0 = Date(timeIntervalSince1970: 1_000)
        await cache.store(user, loadedAt: await cache.currentEpoch(), now: t0)
        #expect(await cache.user(user.id, now: t0.addingTimeInterval(0.5)) != nil)
        #expect(await cache.user(user.id, now: t0.addingTimeInterval(1.0)) == nil)
    }

    @Test func invalidationDropsTheUserAndRefusesLoadsThatBeganBeforeIt() async {
        let cache = PrincipalCache(ttl: 60)
        let id = UUID()
        await cache.store(Self.user(id), loadedAt: await cache.currentEpoch())
        // A request starts loading the user (epoch read) …
        let epochAtLoadStart = await cache.currentEpoch()
        // … meanwhile an admin disables the user and the write invalidates it …
        await cache.invalidate(id)
        #expect(await cache.user(id) == nil)
        // … so the row the request read before the commit must not come back.
        #expect(await cache.store(Self.user(id), loadedAt: epochAtLoadStart) == false)
        #expect(await cache.user(id) == nil)
        // A load that starts after the invalidation is kept.
        #expect(await cache.store(Self.user(id, disabled: true, version: 2), loadedAt: await cache.currentEpoch()))
        #expect(await cache.user(id)?.disabled == true)
    }

    @Test func zeroTTLCachesNothing() async {
        let cache = PrincipalCache(ttl: 0)
        let user = Self.user()
        let token = PrincipalCache.digest("t")
        await cache.rememberVerified(token, claims: Self.claims(for: user.id, exp: Int64.max / 2))
        #expect(await cache.store(user, loadedAt: await cache.currentEpoch()) == false)
        #expect(await cache.lookup(token: token, leeway: 0).claims == nil)
        #expect(await cache.counts == (0, 0))
    }

    @Test func sizeIsBounded() async {
        let cache = PrincipalCache(ttl: 60, capacity: 8)
        let now = Date(timeIntervalSince1970: 1_000)
        for index in 0..<100 {
            await cache.rememberVerified(PrincipalCache.digest("t\(index)"), claims: Self.claims(for: UUID(), exp: 2_000), now: now)
            await cache.store(Self.user(), loadedAt: await cache.currentEpoch(), now: now)
        }
        let counts = await cache.counts
        #expect(counts.users <= 8)
        #expect(counts.tokens <= 8)
    }
}
