import Hummingbird
import TwinDomain
import TwinServices

/// How WebSockets authenticate at upgrade time.
///
/// The credential is the `Authorization: Bearer …` header (or `X-API-Key`), or,
/// because browsers cannot set headers on a WebSocket handshake, the
/// `access_token` query parameter (over TLS only; Atrium never logs query
/// strings). `Sec-WebSocket-Protocol` is not used for tokens. The principal is
/// resolved again while the connection lives (see `LiveSession`), so a disable,
/// a revoked grant or token expiry ends the stream.
public struct WebSocketAuthentication: Sendable {
    public let auth: AuthService
    public let permission: Permission

    public init(auth: AuthService, permission: Permission = .liveRead) {
        self.auth = auth
        self.permission = permission
    }

    static func credential(_ request: Request) -> String? {
        let credential = AccessGuard.credential(request) ?? request.uri.queryParameters["access_token"].map(String.init)
        guard let credential, !credential.isEmpty else { return nil }
        return credential
    }

    /// Call from `shouldUpgrade`: a principal to upgrade with, or nil to refuse (the
    /// request then reaches the plain HTTP route, which answers 401/403).
    public func authenticate(_ request: Request, context: AtriumRequestContext) async -> Principal? {
        guard let credential = Self.credential(request),
              let principal = try? await auth.authenticate(bearer: credential, context: context.auditContext(request)),
              principal.hasAnywhere(permission) else { return nil }
        return principal
    }
}
