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

    /// What `shouldUpgrade` decides: upgrade with a principal, or refuse with 401 (no working
    /// credential) or 403 (authenticated, but without `live.read` anywhere).
    enum Decision: Sendable {
        case accepted(Principal)
        case refused(UpgradeRefusal)
    }

    func decide(_ request: Request, context: AtriumRequestContext) async -> Decision {
        guard let credential = Self.credential(request),
              let principal = try? await auth.authenticate(bearer: credential, context: context.auditContext(request)) else {
            return .refused(.make(status: 401, title: "Unauthorized", detail: "Missing or invalid credentials.",
                                  requestID: context.requestID))
        }
        guard principal.hasAnywhere(permission) else {
            await auth.auditDenied(permission, action: "GET \(LiveController.path)", principal: principal,
                                   context: context.auditContext(request))
            return .refused(.make(status: 403, title: "Forbidden", detail: "You do not have the \(permission.rawValue) permission.",
                                  requestID: context.requestID))
        }
        return .accepted(principal)
    }

    /// A principal to upgrade with, or nil.
    public func authenticate(_ request: Request, context: AtriumRequestContext) async -> Principal? {
        if case .accepted(let principal) = await decide(request, context: context) { return principal }
        return nil
    }
}
