import Foundation
import Logging
import TwinDomain
import TwinServices

/// The security services the API needs, built once by the `atrium` executable
/// (or a test) over a concrete ``SecurityStore``.
public struct SecurityServices: Sendable {
    public let auth: AuthService
    public let users: UserAdminService
    public let apiKeys: APIKeyAdminService
    public let audit: AuditService

    public init(auth: AuthService, users: UserAdminService, apiKeys: APIKeyAdminService, audit: AuditService) {
        self.auth = auth
        self.users = users
        self.apiKeys = apiKeys
        self.audit = audit
    }

    /// `principalCacheTTL` 0 = look the user up in the database on every request.
    public static func make(store: any SecurityStore, keys: JWTKeySet, settings: AuthSettings, principalCacheTTL: TimeInterval = 1,
                            throttle: LoginThrottle = LoginThrottle(), auditSigner: AuditCheckpointSigner? = nil,
                            checkpointStores: [any AuditCheckpointRepository] = [], logger: Logger) async -> SecurityServices {
        let principals = PrincipalCache(ttl: principalCacheTTL)
        let auth = await AuthService(store: store, keys: keys, settings: settings, throttle: throttle, principals: principals,
                                     logger: logger)
        return SecurityServices(
            auth: auth,
            users: UserAdminService(store: store, settings: settings, principals: principals, logger: logger),
            apiKeys: APIKeyAdminService(store: store, logger: logger),
            audit: AuditService(store: store, checkpointSigner: auditSigner, checkpointStores: checkpointStores, logger: logger))
    }
}
