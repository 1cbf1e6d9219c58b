import HTTPTypes
import Hummingbird
import TwinDomain
import TwinServices

/// Registers routes together with their access declaration.
///
/// The only way Atrium controllers add routes: the declaration is recorded in
/// the ``RouteRegistry`` and enforced by ``AccessGuard`` before the handler
/// runs, and errors from the security services become problem documents.
public struct SecuredRouter {
    public let router: Router<AtriumRequestContext>
    public let registry: RouteRegistry
    public let guardian: AccessGuard

    public init(router: Router<AtriumRequestContext>, registry: RouteRegistry, guardian: AccessGuard) {
        self.router = router
        self.registry = registry
        self.guardian = guardian
    }

    public func on<Output: ResponseGenerator>(
        _ path: String, method: HTTPRequest.Method, requires access: RouteAccess,
        use handler: @escaping @Sendable (Request, AtriumRequestContext) async throws -> Output
    ) {
        registry.declare(method, path, access)
        let guardian = self.guardian
        router.on(RouterPath(path), method: method) { request, context -> Output in
            var context = context
            do {
                try await guardian.check(access, request: request, context: &context)
                return try await handler(request, context)
            } catch let error as SecurityError {
                throw APIError(security: error)
            }
        }
    }

    public func get<Output: ResponseGenerator>(_ path: String, requires access: RouteAccess,
                                               use handler: @escaping @Sendable (Request, AtriumRequestContext) async throws -> Output) {
        on(path, method: .get, requires: access, use: handler)
    }

    public func post<Output: ResponseGenerator>(_ path: String, requires access: RouteAccess,
                                                use handler: @escaping @Sendable (Request, AtriumRequestContext) async throws -> Output) {
        on(path, method: .post, requires: access, use: handler)
    }

    public func delete<Output: ResponseGenerator>(_ path: String, requires access: RouteAccess,
                                                  use handler: @escaping @Sendable (Request, AtriumRequestContext) async throws -> Output) {
        on(path, method: .delete, requires: access, use: handler)
    }
}
