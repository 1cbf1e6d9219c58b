import Hummingbird
import HTTPTypes
import TwinServices

/// Decides once, for every route, which address is the client's (see ``TrustedProxies``).
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AtriumRequestContext
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    let trustedProxies: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trustedProxies.networks.isEmpty else { return try await next(request, context) }
        var context = context
        context.clientAddress = trustedProxies.clientAddress(peer: context.remoteAddress?.ipAddress,
                                                             forwardedFor: request.headers[values: Self.forwardedFor])
        return try await next(request, context)
    }
}
