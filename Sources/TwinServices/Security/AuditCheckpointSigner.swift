import Foundation
import TwinDomain

/// Signs and checks audit checkpoints with the audit key.
///
/// The audit key is a ``JWTKeySet`` for its file format and JWS code, but a separate one: with the
/// token key, anyone able to mint tokens could also vouch for a rewritten chain.
public struct AuditCheckpointSigner: Sendable {
    public static let tokenType = "atrium-audit-checkpoint+jws"
    public let keys: JWTKeySet

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case badSignature(String)
        case mismatch

        public var description: String {
            switch self {
            case .badSignature(let why): "the checkpoint's signature does not verify with the audit key (\(why))"
            case .mismatch: "the checkpoint's fields differ from its signed payload"
            }
        }
    }

    public init(keys: JWTKeySet) { self.keys = keys }

    public func sign(seq: Int64, hash: String, at time: Date = Date()) throws -> AuditCheckpoint {
        let micros = AuditEntry.nowMicros(time)
        let payload: CanonicalJSON = ["iss": .string("atrium"), "seq": .int(seq), "hash": .string(hash), "time_us": .int(micros)]
        let token = try keys.signJWS(payload: Array(payload.text.utf8), type: Self.tokenType)
        return AuditCheckpoint(keyID: keys.active.kid, seq: seq, hash: hash, timeMicros: micros, token: token)
    }

    /// The key whose checkpoints this installation reads.
    public var keyID: String { keys.active.kid }

    /// The checkpoint as its signature states it (a store's copy of the fields is not trusted).
    public func verified(_ token: String) throws(Failure) -> AuditCheckpoint {
        let type: String?
        let payload: [UInt8]
        do { (type, payload) = try keys.verifyJWS(token) } catch { throw .badSignature(String(describing: error)) }
        guard type == Self.tokenType else { throw .badSignature("type \(type ?? "none")") }
        struct Payload: Decodable {
            var iss: String
            var seq: Int64
            var hash: String
            var time_us: Int64
        }
        guard let fields = try? JSONDecoder().decode(Payload.self, from: Data(payload)), fields.iss == "atrium" else {
            throw .badSignature("payload")
        }
        return AuditCheckpoint(keyID: Self.keyID(of: token) ?? "", seq: fields.seq, hash: fields.hash, timeMicros: fields.time_us,
                               token: token)
    }

    /// The `kid` of a compact JWS header (already verified by the caller).
    public static func keyID(of token: String) -> String? {
        guard let header = token.split(separator: ".").first, let bytes = Base64URL.decode(header),
              let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else { return nil }
        return object["kid"] as? String
    }

    /// Checks a stored checkpoint: signature valid and stored fields equal to the signed ones.
    public func check(_ stored: AuditCheckpoint) throws(Failure) -> AuditCheckpoint {
        let signed = try verified(stored.token)
        guard signed.seq == stored.seq, signed.hash == stored.hash, signed.keyID == stored.keyID else { throw .mismatch }
        return signed
    }
}
