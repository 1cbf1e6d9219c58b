import Crypto
import Foundation
import Testing
@testable import TwinServices

@Suite("JWT signing and strict verification")
struct JWTTests {
    static let validation = JWTValidation(issuer: "atrium", audience: "atrium-api", leewaySeconds: 30)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func claims(exp: Int64 = 1_800_000_300, nbf: Int64 = 1_800_000_000, iss: String = "atrium",
                       aud: [String] = ["atrium-api"]) -> JWTClaims {
        JWTClaims(iss: iss, sub: "6f1c1b2e-0000-4000-8000-000000000001", aud: aud, exp: exp, nbf: nbf, iat: nbf,
                  jti: "j1", roles: ["viewer"], ver: 1)
    }

    static func es256() throws -> JWTKeySet { try JWTKeySet(active: JWTKey(kid: "es", material: .p256Private(P256.Signing.PrivateKey()))) }

    @Test(arguments: [
        JWTKey(kid: "es", material: .p256Private(P256.Signing.PrivateKey())),
        JWTKey(kid: "ed", material: .ed25519Private(Curve25519.Signing.PrivateKey())),
        JWTKey(kid: "hs", material: .hmac(SymmetricKey(size: .bits256))),
    ])
    func roundTripsEachAlgorithm(key: JWTKey) throws {
        let keys = try JWTKeySet(active: key)
        let token = try keys.sign(Self.claims())
        let header = try #require(Base64URL.decode(token.split(separator: ".")[0]))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(header)) as? [String: String])
        #expect(json["kid"] == key.kid)
        #expect(json["alg"] == key.algorithm.rawValue)
        #expect(try keys.verify(token, validation: Self.validation, now: Self.now) == Self.claims())
    }

    static func forge(header: [String: Any], payload: Data, signature: [UInt8]) throws -> String {
        let h = Base64URL.encode(Array(try JSONSerialization.data(withJSONObject: header)))
        return h + "." + Base64URL.encode(Array(payload)) + "." + Base64URL.encode(signature)
    }

    static func payload(_ claims: JWTClaims = claims()) throws -> Data { try JSONEncoder().encode(claims) }

    @Test func rejectsAlgNone() throws {
        let keys = try Self.es256()
        let unsigned = Base64URL.encode(Array(#"{"alg":"none","kid":"es"}"#.utf8)) + "." + Base64URL.encode(Array(try Self.payload())) + "."
        #expect(throws: JWTError.malformed) { try keys.verify(unsigned, validation: Self.validation, now: Self.now) }
        let withJunk = try Self.forge(header: ["alg": "none", "kid": "es"], payload: try Self.payload(), signature: [0])
        #expect(throws: JWTError.unsupportedAlgorithm("none")) { try keys.verify(withJunk, validation: Self.validation, now: Self.now) }
    }

    @Test func rejectsHS256SignedWithThePublicKey() throws {
        let keys = try Self.es256()
        guard case .p256Private(let privateKey) = keys.active.material else { Issue.record("not EC"); return }
        // The classic confusion attack: HMAC keyed with the published public key.
        let publicKeyBytes = [Data(privateKey.publicKey.x963Representation), Data(privateKey.publicKey.pemRepresentation.utf8)]
        for keyBytes in publicKeyBytes {
            let h = Base64URL.encode(Array(try JSONSerialization.data(withJSONObject: ["alg": "HS256", "kid": "es"])))
            let input = h + "." + Base64URL.encode(Array(try Self.payload()))
            let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: keyBytes))
            let token = input + "." + Base64URL.encode(Array(mac))
            #expect(throws: JWTError.algorithmMismatch) { try keys.verify(token, validation: Self.validation, now: Self.now) }
        }
    }

    @Test func rejectsUnknownAndMissingKid() throws {
        let keys = try Self.es256()
        let other = try JWTKeySet(active: JWTKey(kid: "other", material: .p256Private(P256.Signing.PrivateKey())))
        #expect(throws: JWTError.unknownKeyID) { try keys.verify(try other.sign(Self.claims()), validation: Self.validation, now: Self.now) }
        let noKid = try Self.forge(header: ["alg": "ES256"], payload: try Self.payload(), signature: Array(repeating: 1, count: 64))
        #expect(throws: JWTError.unknownKeyID) { try keys.verify(noKid, validation: Self.validation, now: Self.now) }
    }

    @Test func rejectsSameKidSignedByAnotherKey() throws {
        let keys = try Self.es256()
        let impostor = try JWTKeySet(active: JWTKey(kid: "es", material: .p256Private(P256.Signing.PrivateKey())))
        #expect(throws: JWTError.badSignature) { try keys.verify(try impostor.sign(Self.claims()), validation: Self.validation, now: Self.now) }
    }

    @Test func rejectsTamperedPayload() throws {
        let keys = try Self.es256()
        let parts = try keys.sign(Self.claims()).split(separator: ".").map(String.init)
        var elevated = Self.claims()
        elevated.roles = ["admin"]
        let tampered = parts[0] + "." + Base64URL.encode(Array(try Self.payload(elevated))) + "." + parts[2]
        #expect(throws: JWTError.badSignature) { try keys.verify(tampered, validation: Self.validation, now: Self.now) }
    }

    @Test func rejectsBadBase64AndShapes() throws {
        let keys = try Self.es256()
        let token = try keys.sign(Self.claims())
        #expect(throws: JWTError.badBase64) { try keys.verify(token.replacingOccurrences(of: "-", with: "+") + "=", validation: Self.validation, now: Self.now) }
        #expect(throws: JWTError.malformed) { try keys.verify("a.b", validation: Self.validation, now: Self.now) }
        #expect(throws: JWTError.malformed) { try keys.verify(token + ".x", validation: Self.validation, now: Self.now) }
        #expect(throws: JWTError.tooLarge) { try keys.verify(String(repeating: "a", count: 9000), validation: Self.validation, now: Self.now) }
        #expect(throws: (any Error).self) { try keys.verify("", validation: Self.validation, now: Self.now) }
    }

    @Test func timeWindowHasSmallLeeway() throws {
        let keys = try Self.es256()
        let expired = try keys.sign(Self.claims(exp: 1_800_000_000 - 31))
        #expect(throws: JWTError.expired) { try keys.verify(expired, validation: Self.validation, now: Self.now) }
        let justExpired = try keys.sign(Self.claims(exp: 1_800_000_000 - 10))
        #expect(throws: Never.self) { try keys.verify(justExpired, validation: Self.validation, now: Self.now) }
        let future = try keys.sign(Self.claims(exp: 1_800_001_000, nbf: 1_800_000_000 + 31))
        #expect(throws: JWTError.notYetValid) { try keys.verify(future, validation: Self.validation, now: Self.now) }
    }

    @Test func issuerAndAudienceMustMatch() throws {
        let keys = try Self.es256()
        #expect(throws: JWTError.wrongIssuer) { try keys.verify(try keys.sign(Self.claims(iss: "evil")), validation: Self.validation, now: Self.now) }
        #expect(throws: JWTError.wrongAudience) { try keys.verify(try keys.sign(Self.claims(aud: ["other"])), validation: Self.validation, now: Self.now) }
        #expect(throws: Never.self) { try keys.verify(try keys.sign(Self.claims(aud: ["other", "atrium-api"])), validation: Self.validation, now: Self.now) }
    }

    @Test func rotationVerifiesOldKeysAndSignsWithTheActiveOne() throws {
        let old = JWTKey(kid: "old", material: .p256Private(P256.Signing.PrivateKey()))
        let new = JWTKey(kid: "new", material: .ed25519Private(Curve25519.Signing.PrivateKey()))
        let before = try JWTKeySet(active: old)
        let after = try JWTKeySet(active: new, others: [old])
        let oldToken = try before.sign(Self.claims())
        #expect(try after.verify(oldToken, validation: Self.validation, now: Self.now).jti == "j1")
        #expect(try after.sign(Self.claims()).contains(Base64URL.encode(Array(#"{"alg":"EdDSA","kid":"new","typ":"JWT"}"#.utf8))))
        #expect(after.jwks["keys"]?.map { $0["kid"] ?? "" }.sorted() == ["new", "old"])
    }

    @Test func hmacKeysAreNeverPublished() throws {
        let keys = try JWTKeySet(active: JWTKey(kid: "hs", material: .hmac(SymmetricKey(size: .bits256))))
        #expect(keys.jwks["keys"]?.isEmpty == true)
    }

    @Test func jwksPublishesAVerifiableEC() throws {
        let keys = try Self.es256()
        let jwk = try #require(keys.jwks["keys"]?.first)
        let x = try #require(Base64URL.decode(jwk["x"]!)), y = try #require(Base64URL.decode(jwk["y"]!))
        let rebuilt = try P256.Signing.PublicKey(x963Representation: [4] + x + y)
        let verifier = try JWTKeySet(active: JWTKey(kid: "h", material: .hmac(SymmetricKey(size: .bits256))),
                                     others: [JWTKey(kid: "es", material: .p256Public(rebuilt))])
        #expect(try verifier.verify(try keys.sign(Self.claims()), validation: Self.validation, now: Self.now).sub == Self.claims().sub)
    }
}
