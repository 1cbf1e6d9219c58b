import Crypto
import Foundation
import Testing
import TwinDomain
@testable import TwinServices

@Suite("Base64url, secrets, key files, throttle, chain hash")
struct SecurityPrimitivesTests {
    @Test func base64URLRoundTripsAndIsStrict() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(($0 * 37 + 11) & 0xFF) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
        #expect(Base64URL.decode("YQ==") == nil)   // padding
        #expect(Base64URL.decode("a+b/") == nil)   // standard alphabet
        #expect(Base64URL.decode("YR") == nil)     // non-zero trailing bits
        #expect(Base64URL.decode("Y") == nil)      // impossible length
        #expect(Base64URL.decode("YQ") == [0x61])
    }

    @Test func apiKeysHaveAParsablePrefix() {
        let (key, prefix) = SecretToken.newAPIKey()
        #expect(SecretToken.apiKeyPrefix(key) == prefix)
        #expect(SecretToken.apiKeyPrefix(key + "x") == nil)
        #expect(SecretToken.apiKeyPrefix("atr_XXXXXXXXXXXXXXXX_" + String(key.suffix(43))) == nil)
        #expect(SecretToken.newRefreshToken() != SecretToken.newRefreshToken())
    }

    @Test func keyFileJSONWithRotation() throws {
        let ec = P256.Signing.PrivateKey()
        let ed = Curve25519.Signing.PrivateKey()
        let json = """
        {"active":"ed1","keys":[
          {"kid":"ec-old","alg":"ES256","public_pem":\(String(reflecting: ec.publicKey.pemRepresentation).replacingOccurrences(of: "\\n", with: "\\n"))},
          {"kid":"ed1","alg":"EdDSA","d":"\(Base64URL.encode(ed.rawRepresentation))"},
          {"kid":"hs","alg":"HS256","secret":"\(Base64URL.encode(SecretToken.randomBytes(32)))"}]}
        """
        let keys = try JWTKeySet.parse(Data(json.utf8))
        #expect(keys.active.kid == "ed1")
        #expect(keys.keys.count == 3)
        #expect(keys.keys["ec-old"]?.canSign == false)
    }

    @Test func keyFilePEM() throws {
        let keys = try JWTKeySet.parse(Data(P256.Signing.PrivateKey().pemRepresentation.utf8))
        #expect(keys.active.algorithm == .es256)
        #expect(keys.active.kid.count == 16)
    }

    @Test func keyFileErrors() {
        #expect(throws: JWTKeyFileError.self) { try JWTKeySet.parse(Data("nonsense".utf8)) }
        #expect(throws: JWTKeyFileError.activeKeyMissing("x")) { try JWTKeySet.parse(Data(#"{"active":"x","keys":[]}"#.utf8)) }
        #expect(throws: JWTKeyFileError.self) {
            try JWTKeySet.parse(Data(#"{"active":"h","keys":[{"kid":"h","alg":"HS256","secret":"c2hvcnQ"}]}"#.utf8))
        }
        #expect(throws: JWTKeyFileError.self) {
            try JWTKeySet.parse(Data(#"{"active":"n","keys":[{"kid":"n","alg":"none"}]}"#.utf8))
        }
    }

    @Test func chainHashIsSHA256OfPreviousAndCanonicalBytes() {
        let entry = AuditEntry(timeMicros: 1, action: "x", outcome: .success)
        let canonical = AuditCanonicalForm.bytes(seq: 1, entry: entry)
        let hash = SHA256AuditChainHasher().chainHash(previous: AuditRecord.genesisHash, canonical: canonical)
        #expect(hash == Array(SHA256.hash(data: AuditRecord.genesisHash + canonical)))
        #expect(SHA256AuditChainHasher().chainHash(previous: hash, canonical: canonical) != hash)
    }

    @Test func bcryptHashesVerifyAtLowCost() async throws {
        let hasher = PasswordHasher(cost: 4)
        let hash = try await hasher.hash("violet staple river 42")
        #expect(hash.hasPrefix("$2"))
        #expect(await hasher.verify("violet staple river 42", hash: hash))
        #expect(!(await hasher.verify("violet staple river 43", hash: hash)))
    }

    /// Finding 1: bcrypt's C code stops at NUL, so "q\0…" was stored as the hash of "q".
    @Test func passwordsBcryptCannotSeeWholeAreRefusedNotTruncated() async throws {
        let hasher = PasswordHasher(cost: 4)
        let cut = "q\u{0}" + String(repeating: "x", count: 15)
        await #expect(throws: PasswordHasher.Failure.unrepresentable) { try await hasher.hash(cut) }
        await #expect(throws: PasswordHasher.Failure.unrepresentable) {
            try await hasher.hash(String(repeating: "a", count: 73))
        }
        let hashOfQ = try await hasher.hash("q")
        #expect(!(await hasher.verify(cut, hash: hashOfQ)))
        #expect(PasswordPolicy().violations(password: cut, userName: "ana").contains(.controlCharacter))
    }
}
