import Dispatch
import HummingbirdBcrypt
import TwinDomain

/// bcrypt hashing off the cooperative thread pool, over the password's exact bytes.
///
/// A cost-12 hash takes ~0.25 s of CPU; running it on Swift's cooperative
/// pool (2 threads here) would stall every other request, so it runs on a
/// Dispatch global queue and the caller awaits it.
///
/// bcrypt's C implementation reads a NUL-terminated string and only its first 72 bytes: a
/// password with a NUL or past 72 bytes would be hashed as something shorter than what was
/// typed ("q\0…" as "q"). So a password reaches bcrypt only when its UTF-8 bytes are what the C
/// code will read; anything else never matches and can never be set.
public struct PasswordHasher: Sendable {
    public let cost: UInt8

    public enum Failure: Error, Sendable, Equatable {
        /// The bytes contain NUL or exceed 72: bcrypt would hash a different password.
        case unrepresentable
    }

    public init(cost: UInt8 = 12) {
        self.cost = min(max(cost, 4), 31)
    }

    /// Whether bcrypt sees exactly these bytes: no NUL, at most 72 bytes.
    public static func isFaithful(_ password: String) -> Bool {
        let bytes = password.utf8
        return bytes.count <= PasswordPolicy.maximumUTF8Bytes && !bytes.contains(0)
    }

    public func hash(_ password: String) async throws -> String {
        guard Self.isFaithful(password) else { throw Failure.unrepresentable }
        let cost = self.cost
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.hash(password, cost: cost)) }
        }
    }

    /// False for any password bcrypt could not see whole; the decoy still costs a full bcrypt, so
    /// refusing early does not reveal itself through timing.
    public func verify(_ password: String, hash: String) async -> Bool {
        let faithful = Self.isFaithful(password)
        let candidate = faithful ? password : "\u{1}unrepresentable"
        let matched = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.verify(candidate, hash: hash)) }
        }
        return faithful && matched
    }
}
