import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// `/v1/auth/*` and `/.well-known/jwks.json`.
struct AuthController {
    let auth: AuthService

    struct LoginRequest: Decodable {
        var username: String
        var password: String
    }

    struct RefreshRequest: Decodable {
        var refresh_token: String
    }

    struct Me: Encodable {
        /// Lower case, as every id in the API (JSONEncoder would write a UUID upper case).
        var id: String
        var kind: String
        var name: String
        var roles: [String]
        var permissions: [String]
    }

    func addRoutes(to routes: SecuredRouter) {
        let auth = self.auth
        routes.post("/v1/auth/login", requires: .public) { request, context in
            let body = try await JSONBody.decode(LoginRequest.self, from: request, checkText: false)
            let pair = try await auth.login(name: body.username, password: body.password, context: context.auditContext(request))
            return try JSONBody.response(pair, noStore: true)
        }
        routes.post("/v1/auth/refresh", requires: .public) { request, context in
            let body = try await JSONBody.decode(RefreshRequest.self, from: request)
            let pair = try await auth.refresh(token: body.refresh_token, context: context.auditContext(request))
            return try JSONBody.response(pair, noStore: true)
        }
        routes.post("/v1/auth/logout", requires: .public) { request, context in
            let body = try await JSONBody.decode(RefreshRequest.self, from: request)
            try await auth.logout(token: body.refresh_token, context: context.auditContext(request))
            return Response(status: .noContent, headers: [.cacheControl: "no-store"])
        }
        routes.get("/v1/auth/me", requires: .authenticated) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONBody.response(Me(id: principal.id.uuidString.lowercased(), kind: principal.kind.rawValue, name: principal.name,
                                            roles: principal.roles.map(\.rawValue),
                                            permissions: principal.allPermissions.sorted().map(\.rawValue)), noStore: true)
        }
        routes.get("/.well-known/jwks.json", requires: .public) { _, _ in
            var response = try JSONBody.response(auth.keys.jwks)
            response.headers[.cacheControl] = "public, max-age=300"
            return response
        }
    }
}
