import Hummingbird
import NIOCore
import TwinDomain
import TwinServices

extension AtriumRequestContext {
    /// The facts audit rows need about this request.
    func auditContext(_ request: Request) -> AuditContext {
        AuditContext(sourceIP: clientAddress, userAgent: request.headers[.userAgent], requestID: requestID,
                     clientRequestID: clientRequestID)
    }

    /// The authenticated caller; only routes declared non-public reach a handler, and for
    /// those `AccessGuard` has set it.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw AccessGuard.unauthorized() }
        return principal
    }
}
