import Crypto
import Foundation

/// Reading signing keys from `ATRIUM_JWT_KEYS_FILE`.
///
/// Two formats: a single PKCS#8/SEC1 PEM EC private key (ES256, kid derived
/// from the public key), or JSON:
/// `{"active":"k2","keys":[{"kid":"k1","alg":"ES256","public_pem":"…"},
///  {"kid":"k2","alg":"EdDSA","d":"<base64url 32 bytes>"},
///  {"kid":"k3","alg":"HS256","secret":"<base64url ≥ 32 bytes>"}]}`.
extension JWTKeySet {
    public static func load(path: String) throws -> JWTKeySet {
        guard let data = FileManager.default.contents(atPath: path) else { throw JWTKeyFileError.unreadable(path) }
        return try parse(data)
    }

    /// A set that may only verify: also accepts a PEM *public* key (its kid is derived the same
    /// way as its private half's) and a JSON set whose active key is public. For auditors, who
    /// check checkpoints and must never be able to sign them.
    public static func loadVerification(path: String) throws -> JWTKeySet {
        guard let data = FileManager.default.contents(atPath: path) else { throw JWTKeyFileError.unreadable(path) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("-----BEGIN PUBLIC KEY-----") {
            guard let key = try? P256.Signing.PublicKey(pemRepresentation: text) else {
                throw JWTKeyFileError.invalidKey(kid: "pem", reason: "not a P-256 public key")
            }
            return JWTKeySet(verifyingWith: JWTKey(kid: JWTKey.thumbprint(key.x963Representation), material: .p256Public(key)))
        }
        return try parse(data, requireSigning: false)
    }

    public static func parse(_ data: Data) throws -> JWTKeySet {
        try parse(data, requireSigning: true)
    }

    static func parse(_ data: Data, requireSigning: Bool) throws -> JWTKeySet {
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("-----BEGIN") {
            let key: P256.Signing.PrivateKey
            do {
                key = try P256.Signing.PrivateKey(pemRepresentation: text)
            } catch {
                throw JWTKeyFileError.invalidKey(kid: "pem", reason: "not a P-256 private key")
            }
            let kid = JWTKey.thumbprint(key.publicKey.x963Representation)
            return try JWTKeySet(active: JWTKey(kid: kid, material: .p256Private(key)))
        }
        struct File: Decodable {
            var active: String
            var keys: [Entry]
        }
        struct Entry: Decodable {
            var kid: String
            var alg: String
            var private_pem: String?
            var public_pem: String?
            var d: String?
            var x: String?
            var secret: String?
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw JWTKeyFileError.invalidFormat("expected a PEM key or {\"active\":…,\"keys\":[…]}")
        }
        var keys: [JWTKey] = []
        for entry in file.keys {
            guard !entry.kid.isEmpty, entry.kid.count <= 64 else {
                throw JWTKeyFileError.invalidKey(kid: entry.kid, reason: "kid must be 1…64 characters")
            }
            keys.append(try key(from: entry.kid, alg: entry.alg, privatePEM: entry.private_pem,
                                publicPEM: entry.public_pem, d: entry.d, x: entry.x, secret: entry.secret))
        }
        guard let active = keys.first(where: { $0.kid == file.active }) else {
            throw JWTKeyFileError.activeKeyMissing(file.active)
        }
        if !requireSigning, !active.canSign {
            return JWTKeySet(verifyingWith: active, others: keys.filter { $0.kid != file.active })
        }
        return try JWTKeySet(active: active, others: keys.filter { $0.kid != file.active })
    }

    private static func key(from kid: String, alg: String, privatePEM: String?, publicPEM: String?,
                            d: String?, x: String?, secret: String?) throws -> JWTKey {
        func fail(_ reason: String) -> JWTKeyFileError { .invalidKey(kid: kid, reason: reason) }
        switch JWTAlgorithm(rawValue: alg) {
        case .es256:
            if let privatePEM {
                guard let key = try? P256.Signing.PrivateKey(pemRepresentation: privatePEM) else { throw fail("bad private_pem") }
                return JWTKey(kid: kid, material: .p256Private(key))
            }
            if let publicPEM {
                guard let key = try? P256.Signing.PublicKey(pemRepresentation: publicPEM) else { throw fail("bad public_pem") }
                return JWTKey(kid: kid, material: .p256Public(key))
            }
            throw fail("ES256 needs private_pem or public_pem")
        case .edDSA:
            if let d {
                guard let raw = Base64URL.decode(d), raw.count == 32,
                      let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else { throw fail("bad d") }
                return JWTKey(kid: kid, material: .ed25519Private(key))
            }
            if let x {
                guard let raw = Base64URL.decode(x), raw.count == 32,
                      let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { throw fail("bad x") }
                return JWTKey(kid: kid, material: .ed25519Public(key))
            }
            throw fail("EdDSA needs d or x")
        case .hs256:
            guard let secret, let raw = Base64URL.decode(secret), raw.count >= 32 else {
                throw fail("HS256 needs a base64url secret of at least 32 bytes")
            }
            return JWTKey(kid: kid, material: .hmac(SymmetricKey(data: raw)))
        case nil:
            throw fail("unsupported alg \(alg)")
        }
    }
}
