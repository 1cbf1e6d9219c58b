import HTTPTypes
import Hummingbird

/// Every route's declared access, checked against the router's real route list
/// at start-up: a route registered without a declaration stops the server.
public final class RouteRegistry {
    public private(set) var declarations: [String: RouteAccess] = [:]

    public init() {}

    static func key(_ method: HTTPRequest.Method, _ path: String) -> String {
        var path = RouterPath(path).description
        if !path.hasPrefix("/") { path = "/" + path }
        return "\(method.rawValue) \(path)"
    }

    public func declare(_ method: HTTPRequest.Method, _ path: String, _ access: RouteAccess) {
        declarations[Self.key(method, path)] = access
    }

    public func access(_ method: HTTPRequest.Method, _ path: String) -> RouteAccess? {
        declarations[Self.key(method, path)]
    }

    /// Throws unless every route the router knows has a declaration.
    public func validate<Context>(_ router: Router<Context>) throws {
        let undeclared = router.routes.map { Self.key($0.method, $0.path.description) }.filter { declarations[$0] == nil }
        if !undeclared.isEmpty { throw RouteRegistryError.undeclaredRoutes(undeclared.sorted()) }
    }
}

public enum RouteRegistryError: Error, CustomStringConvertible, Equatable {
    case undeclaredRoutes([String])

    public var description: String {
        switch self {
        case .undeclaredRoutes(let routes):
            return "routes registered without an access declaration: " + routes.joined(separator: ", ")
        }
    }
}
