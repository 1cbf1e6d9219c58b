import Synchronization

/// Open connections per peer address, shared by every connection of one server.
final class ConnectionCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    init() {}

    /// Takes a slot for `address`, or false when it already holds `limit`.
    func acquire(_ address: String, limit: Int) -> Bool {
        counts.withLock { counts in
            let current = counts[address, default: 0]
            guard current < limit else { return false }
            counts[address] = current + 1
            return true
        }
    }

    func release(_ address: String) {
        counts.withLock { counts in
            let remaining = counts[address, default: 0] - 1
            counts[address] = remaining > 0 ? remaining : nil
        }
    }

    func count(_ address: String) -> Int {
        counts.withLock { $0[address, default: 0] }
    }
}
