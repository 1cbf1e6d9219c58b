import TwinDomain

/// What a route demands of its caller, declared when the route is registered.
public enum RouteAccess: Sendable, Hashable, CustomStringConvertible {
    /// Anyone, no credentials (login, health, JWKS).
    case `public`
    /// Any authenticated caller; the handler scopes what it returns.
    case authenticated
    /// An authenticated caller holding the permission somewhere; the handler
    /// then filters by the scope of that permission.
    case requires(Permission)

    public var description: String {
        switch self {
        case .public: return "public"
        case .authenticated: return "authenticated"
        case .requires(let permission): return permission.rawValue
        }
    }
}
