import Hummingbird
import TwinDomain
import TwinServices

/// The hook live-data WebSockets use to authenticate at upgrade time.
///
/// Browsers cannot set `Authorization` on a WebSocket handshake, so the
/// access token may also come as the `access_token` query parameter (over TLS
/// only; Atrium never logs query strings of this route). The returned principal
/// is kept for the connection's life; the overlay (later issue) re-checks its
/// scope per subscribed building and closes the socket when the token expires.
public struct WebSocketAuthentication: Sendable {
    public let auth: AuthService
    public let permission: Permission

    public init(auth: AuthService, permission: Permission = .liveRead) {
        self.auth = auth
        self.permission = permission
    }

    /// Call from `shouldUpgrade`: a principal to upgrade with, or nil to refuse (401/403 before upgrading).
    public func authenticate(_ request: Request, context: AtriumRequestContext) async -> Principal? {
        let credential = AccessGuard.credential(request) ?? request.uri.queryParameters["access_token"].map(String.init)
        guard let credential, !credential.isEmpty,
              let principal = try? await auth.authenticate(bearer: credential, context: context.auditContext(request)),
              principal.hasAnywhere(permission) else { return nil }
        return principal
    }
}
