/// The JWS algorithms Atrium signs and accepts; anything else (notably
/// `none`) is rejected before a key is even looked up.
public enum JWTAlgorithm: String, Sendable, Hashable, Codable, CaseIterable {
    case es256 = "ES256"
    case edDSA = "EdDSA"
    case hs256 = "HS256"
}
