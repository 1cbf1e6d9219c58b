import Crypto
import Foundation

/// One signing or verification key, tied to exactly one algorithm.
///
/// The algorithm is a property of the key, never of the token: a token whose
/// header names another algorithm than its key's is refused, which is what
/// defeats the "HS256 signed with the public key" confusion attack.
public struct JWTKey: Sendable {
    public enum Material: Sendable {
        case p256Private(P256.Signing.PrivateKey)
        case p256Public(P256.Signing.PublicKey)
        case ed25519Private(Curve25519.Signing.PrivateKey)
        case ed25519Public(Curve25519.Signing.PublicKey)
        case hmac(SymmetricKey)
    }

    public let kid: String
    public let material: Material

    public init(kid: String, material: Material) {
        self.kid = kid
        self.material = material
    }

    public var algorithm: JWTAlgorithm {
        switch material {
        case .p256Private, .p256Public: return .es256
        case .ed25519Private, .ed25519Public: return .edDSA
        case .hmac: return .hs256
        }
    }

    public var canSign: Bool {
        switch material {
        case .p256Private, .ed25519Private, .hmac: return true
        case .p256Public, .ed25519Public: return false
        }
    }

    /// A fresh ES256 key; used when nothing is configured (development only).
    public static func ephemeralES256() -> JWTKey {
        let key = P256.Signing.PrivateKey()
        return JWTKey(kid: "ephemeral-" + thumbprint(key.publicKey.x963Representation), material: .p256Private(key))
    }

    static func thumbprint<D: DataProtocol>(_ bytes: D) -> String {
        String(Base64URL.encode(SHA256.hash(data: bytes)).prefix(16))
    }

    func sign(_ input: [UInt8]) throws -> [UInt8] {
        switch material {
        case .p256Private(let key):
            return Array(try key.signature(for: input).rawRepresentation)
        case .ed25519Private(let key):
            return Array(try key.signature(for: input))
        case .hmac(let key):
            return Array(HMAC<SHA256>.authenticationCode(for: input, using: key))
        case .p256Public, .ed25519Public:
            throw JWTError.unknownKeyID
        }
    }

    func verify(signature: [UInt8], input: [UInt8]) -> Bool {
        switch material {
        case .p256Private(let key):
            return Self.verifyP256(key.publicKey, signature: signature, input: input)
        case .p256Public(let key):
            return Self.verifyP256(key, signature: signature, input: input)
        case .ed25519Private(let key):
            return signature.count == 64 && key.publicKey.isValidSignature(signature, for: input)
        case .ed25519Public(let key):
            return signature.count == 64 && key.isValidSignature(signature, for: input)
        case .hmac(let key):
            // Constant-time comparison inside swift-crypto.
            return signature.count == 32 && HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: key)
        }
    }

    private static func verifyP256(_ key: P256.Signing.PublicKey, signature: [UInt8], input: [UInt8]) -> Bool {
        guard signature.count == 64, let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else {
            return false
        }
        return key.isValidSignature(parsed, for: input)
    }

    /// The public JWK, or nil for symmetric keys (never published).
    public var publicJWK: [String: String]? {
        switch material {
        case .p256Private(let key): return Self.ecJWK(key.publicKey, kid: kid)
        case .p256Public(let key): return Self.ecJWK(key, kid: kid)
        case .ed25519Private(let key): return Self.okpJWK(key.publicKey, kid: kid)
        case .ed25519Public(let key): return Self.okpJWK(key, kid: kid)
        case .hmac: return nil
        }
    }

    private static func ecJWK(_ key: P256.Signing.PublicKey, kid: String) -> [String: String] {
        let point = Array(key.x963Representation)  // 0x04 ‖ X ‖ Y
        return ["kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": kid,
                "x": Base64URL.encode(point[1..<33]), "y": Base64URL.encode(point[33..<65])]
    }

    private static func okpJWK(_ key: Curve25519.Signing.PublicKey, kid: String) -> [String: String] {
        ["kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": kid,
         "x": Base64URL.encode(key.rawRepresentation)]
    }
}
