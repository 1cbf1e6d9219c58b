import Foundation

/// Backoff on failed logins: a strict budget per account, a much larger one per source address,
/// both decaying with time, and no address block for an account that has logged in from there.
///
/// Why each part (finding 5 of the security battery: one typo locked everyone out):
/// - failures are a *score* that halves every half-life, so a block never outlives the attack
///   and an old failure stops counting instead of arming a lockout for the next typo;
/// - an address may fail `addressFreeAttempts` (100) times before any delay, twenty times an
///   account's allowance, because many people share an address (an office NAT);
/// - an account that has logged in successfully from an address recently is never held back by
///   that address's block (only by its own), so a password spray from a shared address cannot
///   lock out the people who normally work there. A new account on a blocked address waits; with
///   a reverse proxy, set `ATRIUM_TRUSTED_PROXIES` so the address is the client's, not the proxy's;
/// - the table is bounded: when full it drops the entries touched longest ago, never everything.
///
/// In memory, so per instance: behind a load balancer each instance throttles on its own.
public actor LoginThrottle {
    public struct Policy: Sendable {
        public var accountFreeAttempts: Double = 5
        public var addressFreeAttempts: Double = 100
        public var baseDelay: TimeInterval = 1
        public var maximumDelay: TimeInterval = 900
        /// Time for a failure score to halve.
        public var halfLife: TimeInterval = 600
        /// How long a successful login vouches for its (account, address) pair.
        public var trustedPairLifetime: TimeInterval = 30 * 86_400
        /// Bounds memory under a spray of random names and addresses (per table).
        public var maximumEntries: Int = 100_000

        public init() {}
    }

    struct Score {
        var value: Double
        var updated: Date
        var blockedUntil: Date

        func decayed(to now: Date, halfLife: TimeInterval) -> Double {
            let elapsed = max(0, now.timeIntervalSince(updated))
            return value * pow(0.5, elapsed / halfLife)
        }
    }

    public nonisolated let policy: Policy
    private let clock: @Sendable () -> Date
    private var accounts = BoundedTable<String, Score>()
    private var addresses = BoundedTable<String, Score>()
    private var trustedPairs = BoundedTable<String, Date>()

    public init(policy: Policy = Policy(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.policy = policy
        self.clock = clock
    }

    /// Seconds to wait before this attempt may be checked, or nil if it may.
    public func retryAfter(account: String, address: String?) -> Int? {
        let now = clock()
        var until = accounts[Self.accountKey(account)]?.blockedUntil ?? .distantPast
        if let address, !isTrusted(account: account, address: address, now: now),
           let blocked = addresses[address]?.blockedUntil {
            until = max(until, blocked)
        }
        let wait = until.timeIntervalSince(now)
        return wait > 0 ? Int(wait.rounded(.up)) : nil
    }

    public func recordFailure(account: String, address: String?) {
        let now = clock()
        accounts.update(Self.accountKey(account), now: now, limit: policy.maximumEntries) { raise($0, free: policy.accountFreeAttempts, now: now) }
        if let address {
            addresses.update(address, now: now, limit: policy.maximumEntries) { raise($0, free: policy.addressFreeAttempts, now: now) }
        }
    }

    /// The account's own failures are forgiven and the pair is remembered; the address keeps its
    /// score (one success must not launder a spray) minus the one failure a typo costs.
    public func recordSuccess(account: String, address: String?) {
        let now = clock()
        accounts.remove(Self.accountKey(account))
        guard let address else { return }
        trustedPairs.update(Self.pairKey(account, address), now: now, limit: policy.maximumEntries) { _ in now }
        if var score = addresses[address] {
            score.value = max(0, score.decayed(to: now, halfLife: policy.halfLife) - 1)
            score.updated = now
            addresses.update(address, now: now, limit: policy.maximumEntries) { _ in score }
        }
    }

    /// Entries held, for tests and metrics.
    public var entryCounts: (accounts: Int, addresses: Int, pairs: Int) { (accounts.count, addresses.count, trustedPairs.count) }

    private func raise(_ previous: Score?, free: Double, now: Date) -> Score {
        let value = (previous?.decayed(to: now, halfLife: policy.halfLife) ?? 0) + 1
        var blockedUntil = previous?.blockedUntil ?? .distantPast
        let excess = value - free
        if excess > 0 {
            let delay = min(policy.maximumDelay, policy.baseDelay * pow(2, min(excess.rounded(.up) - 1, 30)))
            blockedUntil = max(blockedUntil, now.addingTimeInterval(delay))
        }
        return Score(value: value, updated: now, blockedUntil: blockedUntil)
    }

    private func isTrusted(account: String, address: String, now: Date) -> Bool {
        guard let at = trustedPairs[Self.pairKey(account, address)] else { return false }
        return now.timeIntervalSince(at) < policy.trustedPairLifetime
    }

    static func accountKey(_ account: String) -> String { account.lowercased() }
    static func pairKey(_ account: String, _ address: String) -> String { account.lowercased() + "\u{0}" + address }
}
