import Foundation
import Synchronization
import Testing
@testable import TwinServices

/// Finding 5: the throttle's cases, driven by an injected clock.
@Suite("Login throttle")
struct LoginThrottleTests {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        let seconds = Mutex<Double>(1_000_000)
        var now: Date { Date(timeIntervalSince1970: seconds.withLock { $0 }) }
        func advance(_ interval: TimeInterval) { seconds.withLock { $0 += interval } }
    }

    static func make(_ configure: (inout LoginThrottle.Policy) -> Void = { _ in }) -> (LoginThrottle, ManualClock) {
        var policy = LoginThrottle.Policy()
        policy.accountFreeAttempts = 3
        policy.addressFreeAttempts = 20
        policy.baseDelay = 1
        policy.maximumDelay = 60
        policy.halfLife = 600
        configure(&policy)
        let clock = ManualClock()
        return (LoginThrottle(policy: policy, clock: { clock.now }), clock)
    }

    @Test func accountBacksOffExponentiallyAndCapped() async {
        let (throttle, _) = Self.make()
        for _ in 0..<3 { await throttle.recordFailure(account: "ana", address: "10.0.0.1") }
        #expect(await throttle.retryAfter(account: "ana", address: "10.0.0.9") == nil)
        await throttle.recordFailure(account: "ana", address: "10.0.0.1")
        #expect(await throttle.retryAfter(account: "ANA", address: "10.0.0.9") == 1)
        await throttle.recordFailure(account: "ana", address: "10.0.0.1")
        #expect(await throttle.retryAfter(account: "ana", address: nil) == 2)
        for _ in 0..<20 { await throttle.recordFailure(account: "ana", address: nil) }
        #expect(await throttle.retryAfter(account: "ana", address: nil) == 60)
        // Another account from the same address is not held back by ana's failures.
        #expect(await throttle.retryAfter(account: "bob", address: "10.0.0.1") == nil)
    }

    /// The reported fault: after an address's block lapsed, one typo by anyone blocked everyone.
    @Test func addressFailuresDecaySoOneTypoAfterAnAttackBlocksNobody() async {
        let (throttle, clock) = Self.make()
        for n in 0..<40 { await throttle.recordFailure(account: "spray-\(n)", address: "10.0.0.1") }
        #expect(await throttle.retryAfter(account: "carol", address: "10.0.0.1") != nil, "the spray is held back")
        clock.advance(3 * 3600)  // 18 half-lives: the score has decayed to nothing
        #expect(await throttle.retryAfter(account: "carol", address: "10.0.0.1") == nil)
        await throttle.recordFailure(account: "carol", address: "10.0.0.1")
        #expect(await throttle.retryAfter(account: "dave", address: "10.0.0.1") == nil, "one typo blocks nobody")
        #expect(await throttle.retryAfter(account: "carol", address: "10.0.0.1") == nil)
    }

    @Test func addressAllowsManyTimesWhatAnAccountMay() async {
        let (throttle, _) = Self.make()
        // Nineteen people behind one NAT each mistype once: nobody is blocked.
        for n in 0..<19 { await throttle.recordFailure(account: "user-\(n)", address: "192.0.2.7") }
        #expect(await throttle.retryAfter(account: "user-19", address: "192.0.2.7") == nil)
        let policy = throttle.policy
        #expect(policy.addressFreeAttempts > policy.accountFreeAttempts * 5)
    }

    /// A password spray from a shared address never locks out someone who works there.
    @Test func knownGoodPairsAreNotHeldByTheAddressBlock() async {
        let (throttle, _) = Self.make()
        await throttle.recordSuccess(account: "erin", address: "10.0.0.1")
        for n in 0..<60 { await throttle.recordFailure(account: "spray-\(n)", address: "10.0.0.1") }
        #expect(await throttle.retryAfter(account: "frank", address: "10.0.0.1") != nil, "a new name waits")
        #expect(await throttle.retryAfter(account: "Erin", address: "10.0.0.1") == nil, "erin logs in")
        // …but erin's own account budget still applies.
        for _ in 0..<5 { await throttle.recordFailure(account: "erin", address: "10.0.0.1") }
        #expect(await throttle.retryAfter(account: "erin", address: "10.0.0.1") != nil)
    }

    @Test func trustedPairsExpire() async {
        let (throttle, clock) = Self.make { $0.trustedPairLifetime = 3600; $0.halfLife = 1e9; $0.maximumDelay = 1e6 }
        await throttle.recordSuccess(account: "gus", address: "10.0.0.1")
        clock.advance(7200)
        for n in 0..<60 { await throttle.recordFailure(account: "spray-\(n)", address: "10.0.0.1") }
        #expect(await throttle.retryAfter(account: "gus", address: "10.0.0.1") != nil)
    }

    @Test func successForgivesTheAccountButNotTheSpray() async {
        let (throttle, _) = Self.make()
        for _ in 0..<3 { await throttle.recordFailure(account: "hana", address: "10.0.0.2") }
        await throttle.recordSuccess(account: "hana", address: "10.0.0.2")
        await throttle.recordFailure(account: "hana", address: "10.0.0.2")
        #expect(await throttle.retryAfter(account: "hana", address: nil) == nil, "the account starts over")
        for n in 0..<30 { await throttle.recordFailure(account: "spray-\(n)", address: "10.0.0.2") }
        await throttle.recordSuccess(account: "mallory", address: "10.0.0.2")
        #expect(await throttle.retryAfter(account: "ivan", address: "10.0.0.2") != nil, "one success does not launder a spray")
    }

    /// The old table forgot every block when it passed its cap; now only the stalest entries go.
    @Test func fullTableEvictsTheOldestNeverEverything() async {
        let (throttle, clock) = Self.make { $0.maximumEntries = 100; $0.maximumDelay = 1e6; $0.halfLife = 1e9 }
        for _ in 0..<10 { await throttle.recordFailure(account: "target", address: nil) }
        let blocked = await throttle.retryAfter(account: "target", address: nil)
        #expect(blocked != nil)
        // A spray of fresh names fills the table; the target is touched again as it keeps attacking.
        for n in 0..<1000 {
            clock.advance(0.001)
            await throttle.recordFailure(account: "noise-\(n)", address: nil)
            if n % 50 == 0 { await throttle.recordFailure(account: "target", address: nil) }
        }
        #expect(await throttle.entryCounts.accounts <= 100)
        #expect(await throttle.entryCounts.accounts >= 80)
        #expect(await throttle.retryAfter(account: "target", address: nil) != nil, "the attacked account stays blocked")
    }
}

@Suite("Trusted proxies")
struct TrustedProxiesTests {
    @Test func forwardedAddressIsBelievedOnlyFromTrustedPeers() throws {
        let proxies = try TrustedProxies.parse("10.0.0.0/8, ::1")
        #expect(proxies.clientAddress(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"]) == "203.0.113.9", "forged by a stranger")
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        // The client may prepend anything; the rightmost untrusted hop is what our proxies saw.
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["1.1.1.1, 198.51.100.1", "10.9.9.9"]) == "198.51.100.1")
        #expect(proxies.clientAddress(peer: "::1", forwardedFor: ["2001:db8::5"]) == "2001:db8::5")
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["garbage, 10.2.2.2"]) == "10.2.2.2", "garbage stops the walk")
        #expect(TrustedProxies().clientAddress(peer: "10.1.2.3", forwardedFor: ["198.51.100.1"]) == "10.1.2.3", "none trusted by default")
    }

    @Test func malformedListsAreConfigurationErrors() {
        #expect(throws: ConfigurationError.self) { try TrustedProxies.parse("10.0.0.0/33") }
        #expect(throws: ConfigurationError.self) { try TrustedProxies.parse("proxy.example") }
        #expect((try? TrustedProxies.parse("192.0.2.0/24"))?.trusts("192.0.2.200") == true)
        #expect((try? TrustedProxies.parse("192.0.2.0/24"))?.trusts("192.0.3.1") == false)
    }
}
