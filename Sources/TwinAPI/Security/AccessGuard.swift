import HTTPTypes
import Hummingbird
import TwinDomain
import TwinServices

/// Authenticates the caller of a route and enforces its declared access.
///
/// Credentials: `Authorization: Bearer <JWT or atr_… key>` or `X-API-Key: atr_…`.
/// A missing credential is a plain 401 (not audited, so anonymous floods
/// cannot grow the audit log); a bad credential and a refused permission
/// are audited.
public struct AccessGuard: Sendable {
    public let auth: AuthService

    public init(auth: AuthService) {
        self.auth = auth
    }

    static let apiKeyHeader = HTTPField.Name("X-API-Key")!

    static func credential(_ request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return String(parts[1]).trimmingCharacters(in: .whitespaces)
            }
            return nil
        }
        return request.headers[apiKeyHeader]
    }

    static func unauthorized() -> APIError {
        APIError(ProblemDetails(status: .unauthorized, detail: "Missing or invalid credentials."),
                 headers: [.wwwAuthenticate: "Bearer realm=\"atrium\""])
    }

    /// Establishes the principal (if any is required) and checks the permission.
    public func check(_ access: RouteAccess, request: Request, context: inout AtriumRequestContext) async throws {
        if case .public = access { return }
        guard let credential = Self.credential(request), !credential.isEmpty else { throw Self.unauthorized() }
        let principal: Principal
        do {
            principal = try await auth.authenticate(bearer: credential, context: context.auditContext(request))
        } catch SecurityError.unauthenticated {
            throw Self.unauthorized()
        }
        context.principal = principal
        if case .requires(let permission) = access, !principal.hasAnywhere(permission) {
            await auth.auditDenied(permission, action: "\(request.method.rawValue) \(request.uri.path)",
                                   principal: principal, context: context.auditContext(request))
            throw APIError(.forbidden, detail: "You do not have the \(permission.rawValue) permission.")
        }
    }
}
