/// Why configured signing keys could not be used; the server refuses to start.
public enum JWTKeyFileError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(String)
    case invalidFormat(String)
    case invalidKey(kid: String, reason: String)
    case duplicateKeyID(String)
    case activeKeyMissing(String)
    case activeKeyCannotSign(String)

    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read JWT key file \(path)"
        case .invalidFormat(let why): return "invalid JWT key file: \(why)"
        case .invalidKey(let kid, let reason): return "invalid JWT key \(kid): \(reason)"
        case .duplicateKeyID(let kid): return "duplicate JWT key id \(kid)"
        case .activeKeyMissing(let kid): return "active JWT key \(kid) is not in the key file"
        case .activeKeyCannotSign(let kid): return "active JWT key \(kid) has no private part"
        }
    }
}
