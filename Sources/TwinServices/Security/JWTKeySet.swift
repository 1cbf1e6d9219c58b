import Foundation

/// The keys valid right now: one active key signs, all of them verify.
///
/// Several keys at once allow rotation: publish the new key, make it active,
/// keep the old one until the last token it signed has expired.
public struct JWTKeySet: Sendable {
    public let active: JWTKey
    public let keys: [String: JWTKey]
    /// Tokens larger than this are refused before any parsing.
    public static let maximumTokenBytes = 8 * 1024

    public init(active: JWTKey, others: [JWTKey] = []) throws {
        guard active.canSign else { throw JWTKeyFileError.activeKeyCannotSign(active.kid) }
        var keys: [String: JWTKey] = [active.kid: active]
        for key in others {
            guard keys[key.kid] == nil else { throw JWTKeyFileError.duplicateKeyID(key.kid) }
            keys[key.kid] = key
        }
        self.active = active
        self.keys = keys
    }

    /// A set that verifies only (its `active` key may be public; signing with it throws).
    public init(verifyingWith active: JWTKey, others: [JWTKey] = []) {
        var keys: [String: JWTKey] = [active.kid: active]
        for key in others where keys[key.kid] == nil { keys[key.kid] = key }
        self.active = active
        self.keys = keys
    }

    /// The JWKS document (public keys only; HMAC keys are never published).
    public var jwks: [String: [[String: String]]] {
        ["keys": keys.values.sorted { $0.kid < $1.kid }.compactMap(\.publicJWK)]
    }

    // MARK: Signing

    /// Signs an arbitrary JSON payload as a compact JWS with the active key.
    public func signJWS(payload: [UInt8], type: String) throws -> String {
        let header = CanonicalHeader(alg: active.algorithm.rawValue, kid: active.kid, typ: type)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let headerPart = Base64URL.encode(Array(try encoder.encode(header)))
        let input = headerPart + "." + Base64URL.encode(payload)
        let signature = try active.sign(Array(input.utf8))
        return input + "." + Base64URL.encode(signature)
    }

    public func sign(_ claims: JWTClaims) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try signJWS(payload: Array(try encoder.encode(claims)), type: "JWT")
    }

    private struct CanonicalHeader: Encodable {
        var alg: String
        var kid: String
        var typ: String
    }

    // MARK: Verification

    /// Verifies a compact JWS and returns its header type and payload bytes.
    ///
    /// Order matters: size, shape, base64url, header, algorithm allow-list,
    /// key lookup, algorithm-equals-key check, then the signature. Claims are
    /// only decoded from a payload whose signature has been checked.
    public func verifyJWS(_ token: String) throws -> (type: String?, payload: [UInt8]) {
        let bytes = token.utf8
        guard bytes.count <= Self.maximumTokenBytes else { throw JWTError.tooLarge }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, !parts[2].isEmpty else {
            throw JWTError.malformed
        }
        guard let headerBytes = Base64URL.decode(parts[0]), let payload = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]) else { throw JWTError.badBase64 }
        guard let header = (try? JSONSerialization.jsonObject(with: Data(headerBytes))) as? [String: Any] else {
            throw JWTError.badHeader
        }
        guard let alg = header["alg"] as? String else { throw JWTError.badHeader }
        guard let algorithm = JWTAlgorithm(rawValue: alg) else { throw JWTError.unsupportedAlgorithm(alg) }
        // Extensions we do not understand must not be ignored (RFC 7515 §4.1.11).
        if header["crit"] != nil || header["jku"] != nil || header["jwk"] != nil || header["x5u"] != nil {
            throw JWTError.badHeader
        }
        let type = header["typ"] as? String
        if header["typ"] != nil && type == nil { throw JWTError.badHeader }
        guard let kid = header["kid"] as? String, let key = keys[kid] else { throw JWTError.unknownKeyID }
        guard key.algorithm == algorithm else { throw JWTError.algorithmMismatch }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard key.verify(signature: signature, input: signingInput) else { throw JWTError.badSignature }
        return (type, payload)
    }

    /// Verifies an access token and its time, issuer and audience claims.
    public func verify(_ token: String, validation: JWTValidation, now: Date = Date()) throws -> JWTClaims {
        let (type, payload) = try verifyJWS(token)
        if let type, type != "JWT" && type != "at+jwt" { throw JWTError.badHeader }
        let claims: JWTClaims
        do {
            claims = try JSONDecoder().decode(JWTClaims.self, from: Data(payload))
        } catch {
            throw JWTError.badClaims
        }
        let seconds = Int64(now.timeIntervalSince1970)
        guard claims.exp + validation.leewaySeconds > seconds else { throw JWTError.expired }
        guard claims.nbf - validation.leewaySeconds <= seconds else { throw JWTError.notYetValid }
        guard claims.iss == validation.issuer else { throw JWTError.wrongIssuer }
        guard claims.aud.contains(validation.audience) else { throw JWTError.wrongAudience }
        return claims
    }
}
