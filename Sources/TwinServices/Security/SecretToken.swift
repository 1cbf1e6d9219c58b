import Crypto
import Foundation

/// Random bearer secrets (refresh tokens, API keys) and their stored digests.
///
/// Only SHA-256 digests are stored: the secrets carry 256 bits of entropy, so
/// a slow hash adds nothing, and a database leak yields no usable token.
public enum SecretToken {
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    public static func sha256(_ text: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(text.utf8)))
    }

    public static func newRefreshToken() -> String {
        "rt_" + Base64URL.encode(randomBytes(32))
    }

    /// `atr_<16 hex prefix>_<base64url 256-bit secret>`; the prefix finds the
    /// row, the digest of the whole string proves possession.
    public static func newAPIKey() -> (key: String, prefix: String) {
        let prefix = randomBytes(8).map { String(format: "%02x", $0) }.joined()
        return ("atr_" + prefix + "_" + Base64URL.encode(randomBytes(32)), prefix)
    }

    /// The prefix of a well-formed API key, or nil.
    public static func apiKeyPrefix(_ key: String) -> String? {
        let bytes = Array(key.utf8)
        guard bytes.count == 4 + 16 + 1 + 43, key.hasPrefix("atr_"), bytes[20] == UInt8(ascii: "_") else { return nil }
        let prefix = bytes[4..<20]
        guard prefix.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }) else {
            return nil
        }
        guard Base64URL.decode(String(decoding: bytes[21...], as: UTF8.self))?.count == 32 else { return nil }
        return String(decoding: prefix, as: UTF8.self)
    }

    /// Digest comparison that does not stop at the first differing byte.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for index in a.indices { diff |= a[index] ^ b[index] }
        return diff == 0
    }
}
