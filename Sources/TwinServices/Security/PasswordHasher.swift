import Dispatch
import HummingbirdBcrypt

/// bcrypt hashing off the cooperative thread pool.
///
/// A cost-12 hash takes ~0.25 s of CPU; running it on Swift's cooperative
/// pool (2 threads here) would stall every other request, so it runs on a
/// Dispatch global queue and the caller awaits it.
public struct PasswordHasher: Sendable {
    public let cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = min(max(cost, 4), 31)
    }

    public func hash(_ password: String) async -> String {
        let cost = self.cost
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.hash(password, cost: cost)) }
        }
    }

    public func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }
}
