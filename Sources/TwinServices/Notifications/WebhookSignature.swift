import Crypto
import Foundation

/// How a webhook body is signed, so a receiver can check it came from Atrium and was not replayed
/// later: `X-Atrium-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>`,
/// with the timestamp (Unix seconds) in `X-Atrium-Timestamp`. The receiver recomputes it and
/// refuses old timestamps.
public enum WebhookSignature {
    public static func sign(body: [UInt8], timestamp: Int64, secret: String) -> String {
        var message = Array(String(timestamp).utf8)
        message.append(UInt8(ascii: "."))
        message += body
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Constant-time check of a received signature.
    public static func verify(_ signature: String, body: [UInt8], timestamp: Int64, secret: String) -> Bool {
        let expected = Array(sign(body: body, timestamp: timestamp, secret: secret).utf8), given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
