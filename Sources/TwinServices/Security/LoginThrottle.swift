import Foundation

/// Exponential backoff on failed logins, per account and per source address.
///
/// In memory, so per instance: behind a load balancer each instance throttles
/// on its own (an attacker gets N× the budget for N instances).
public actor LoginThrottle {
    struct State {
        var failures: Int
        var blockedUntil: Date
        var lastFailure: Date
    }

    /// Failures allowed before backoff starts.
    let freeAttempts: Int
    let baseDelay: TimeInterval
    let maximumDelay: TimeInterval
    /// Bounds memory under a spray of random names/addresses.
    let maximumEntries: Int
    private var states: [String: State] = [:]

    public init(freeAttempts: Int = 5, baseDelay: TimeInterval = 1, maximumDelay: TimeInterval = 900, maximumEntries: Int = 100_000) {
        self.freeAttempts = freeAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.maximumEntries = maximumEntries
    }

    /// Seconds to wait before another attempt may be made, or nil if allowed.
    public func retryAfter(account: String, address: String?, now: Date = Date()) -> Int? {
        var wait: TimeInterval = 0
        for key in keys(account: account, address: address) {
            if let state = states[key], state.blockedUntil > now {
                wait = max(wait, state.blockedUntil.timeIntervalSince(now))
            }
        }
        return wait > 0 ? Int(wait.rounded(.up)) : nil
    }

    public func recordFailure(account: String, address: String?, now: Date = Date()) {
        if states.count >= maximumEntries {
            // Forget entries whose backoff is over first; then, if still full, everything.
            states = states.filter { $0.value.blockedUntil > now }
            if states.count >= maximumEntries { states.removeAll() }
        }
        for key in keys(account: account, address: address) {
            var state = states[key] ?? State(failures: 0, blockedUntil: .distantPast, lastFailure: now)
            state.failures += 1
            state.lastFailure = now
            let excess = state.failures - freeAttempts
            if excess > 0 {
                let delay = min(maximumDelay, baseDelay * pow(2, Double(min(excess - 1, 30))))
                state.blockedUntil = now.addingTimeInterval(delay)
            }
            states[key] = state
        }
    }

    public func recordSuccess(account: String) {
        states["account:" + account.lowercased()] = nil
    }

    private func keys(account: String, address: String?) -> [String] {
        var keys = ["account:" + account.lowercased()]
        if let address { keys.append("address:" + address) }
        return keys
    }
}
