/// Why a token was refused. The reason goes to the audit log, never to the client.
public enum JWTError: Error, Sendable, Hashable {
    case malformed
    case badBase64
    case badHeader
    case unsupportedAlgorithm(String)
    case unknownKeyID
    case algorithmMismatch
    case badSignature
    case badClaims
    case expired
    case notYetValid
    case wrongIssuer
    case wrongAudience
    case tooLarge

    public var auditReason: String {
        switch self {
        case .malformed: return "token.malformed"
        case .badBase64: return "token.bad_base64"
        case .badHeader: return "token.bad_header"
        case .unsupportedAlgorithm(let alg): return "token.unsupported_alg:" + String(alg.prefix(16))
        case .unknownKeyID: return "token.unknown_kid"
        case .algorithmMismatch: return "token.alg_mismatch"
        case .badSignature: return "token.bad_signature"
        case .badClaims: return "token.bad_claims"
        case .expired: return "token.expired"
        case .notYetValid: return "token.not_yet_valid"
        case .wrongIssuer: return "token.wrong_issuer"
        case .wrongAudience: return "token.wrong_audience"
        case .tooLarge: return "token.too_large"
        }
    }
}
