import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import ServiceLifecycle
import TwinDomain
import TwinServices

/// What the API needs from the outside world; the `atrium` executable fills it with concrete stores.
public struct APIDependencies: Sendable {
    /// Stores checked by `/health/ready`.
    public var probes: [any HealthProbe]
    /// Long-lived things (database pools, workers) run in the application's ServiceGroup,
    /// so they start before the server accepts requests and stop after it drains.
    public var services: [any Service]
    /// Accounts, tokens, authorization and audit. Nil only in tests of the bare
    /// skeleton; then no secured route is registered at all.
    public var security: SecurityServices?
    /// Registers the `/v1/bench/*` pair used by tools/bench-auth (never in production).
    public var benchmarkRoutes: Bool
    /// Where services publish live events and `/v1/live` reads them; the executable
    /// creates one and hands the same hub to the services that publish.
    public var liveEvents: LiveEventHub
    /// Live streams a reconnecting client can resume (kept a minute after their connection drops).
    public var liveStreams: LiveStreams
    /// The twin (sites … assets, models, imports, geometry); its routes need `security` too.
    public var twin: TwinAPIServices?
    /// Peers whose `X-Forwarded-For` is believed (the throttle and audit key on the client address).
    public var trustedProxies: TrustedProxies

    public init(probes: [any HealthProbe], services: [any Service], security: SecurityServices? = nil,
                benchmarkRoutes: Bool = false, liveEvents: LiveEventHub = LiveEventHub(), liveStreams: LiveStreams = LiveStreams(),
                twin: TwinAPIServices? = nil, trustedProxies: TrustedProxies = TrustedProxies()) {
        self.probes = probes
        self.services = services
        self.security = security
        self.benchmarkRoutes = benchmarkRoutes
        self.liveEvents = liveEvents
        self.liveStreams = liveStreams
        self.twin = twin
        self.trustedProxies = trustedProxies
    }
}

/// Where and how the HTTP server listens.
public struct APIServerSettings: Sendable {
    public var host: String
    public var port: Int
    public var serverName: String
    public var limits: HTTPServerLimits

    public init(host: String, port: Int, serverName: String = "Atrium", limits: HTTPServerLimits = HTTPServerLimits()) {
        self.host = host
        self.port = port
        self.serverName = serverName
        self.limits = limits
    }
}

/// Builds the Atrium HTTP application: router, common middleware, controllers and services.
public func buildApplication(
    settings: APIServerSettings,
    dependencies: APIDependencies,
    logger: Logger
) throws -> some ApplicationProtocol {
    let (router, registry) = makeRouter(dependencies: dependencies)
    // Refuse to start if any route was registered without an access declaration.
    try registry.validate(router)
    return Application(
        router: router,
        server: guardedServer(webSocketRouter: buildWebSocketRouter(dependencies: dependencies), limits: settings.limits),
        configuration: .init(
            address: .hostname(settings.host, port: settings.port),
            serverName: settings.serverName
        ),
        services: dependencies.services,
        logger: logger
    )
}

/// HTTP/1.1 with the `/v1/live` WebSocket upgrade, every connection under a ``ConnectionGuard``
/// (timeouts, connections per address) and an ``HTTPExchangeTracker`` (parse errors answered,
/// refused upgrades answered with their problem document).
func guardedServer(webSocketRouter: Router<AtriumRequestContext>, limits: HTTPServerLimits) -> HTTPServerBuilder {
    let webSocketResponder = webSocketRouter.buildResponder()
    let connections = ConnectionCounter()
    return HTTPServerBuilder { responder in
        GuardedServerChannel(
            inner: HTTP1WebSocketUpgradeChannel(
                responder: responder, webSocketResponder: webSocketResponder,
                configuration: .init(http1: .init(additionalChannelHandlers: [HTTPExchangeTracker()]),
                                     ws: .init(autoPing: .enabled(timePeriod: .seconds(30))))),
            limits: limits, connections: connections)
    }
}

/// The router alone, so tests can drive it with HummingbirdTesting without opening a port.
public func buildRouter(dependencies: APIDependencies) -> Router<AtriumRequestContext> {
    makeRouter(dependencies: dependencies).router
}

/// The router plus its access declarations, validated: what `buildApplication` serves.
public func buildValidatedRouter(dependencies: APIDependencies) throws -> (router: Router<AtriumRequestContext>, registry: RouteRegistry) {
    let built = makeRouter(dependencies: dependencies)
    try built.registry.validate(built.router)
    return built
}

/// The router the HTTP/1 channel consults for WebSocket upgrades: only `/v1/live`
/// (whose plain-HTTP twin, declared in the main router, answers refused upgrades).
public func buildWebSocketRouter(dependencies: APIDependencies) -> Router<AtriumRequestContext> {
    let router = Router(context: AtriumRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ClientAddressMiddleware(trustedProxies: dependencies.trustedProxies))
    if let security = dependencies.security {
        LiveController(auth: security.auth, hub: dependencies.liveEvents, twin: dependencies.twin, streams: dependencies.liveStreams)
            .addWebSocketRoute(to: router)
    }
    return router
}

func makeRouter(dependencies: APIDependencies) -> (router: Router<AtriumRequestContext>, registry: RouteRegistry) {
    let router = Router(context: AtriumRequestContext.self)
    // Order matters: the request id must exist before anything logs, and errors must
    // become problem documents before the id header is added on the way out.
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ClientAddressMiddleware(trustedProxies: dependencies.trustedProxies))
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: InputTextMiddleware())
    HealthController(probes: dependencies.probes).addRoutes(to: router.group("health"))
    let registry = RouteRegistry()
    registry.declare(.get, "/health/live", .public)
    registry.declare(.get, "/health/ready", .public)
    if let security = dependencies.security {
        let routes = SecuredRouter(router: router, registry: registry, guardian: AccessGuard(auth: security.auth))
        AuthController(auth: security.auth).addRoutes(to: routes)
        UserAdminController(users: security.users).addRoutes(to: routes)
        APIKeyController(apiKeys: security.apiKeys).addRoutes(to: routes)
        AuditController(audit: security.audit).addRoutes(to: routes)
        LiveController(auth: security.auth, hub: dependencies.liveEvents, twin: dependencies.twin, streams: dependencies.liveStreams)
            .addRoutes(to: routes)
        if dependencies.benchmarkRoutes { BenchmarkController(audit: security.audit).addRoutes(to: routes) }
        if let twin = dependencies.twin { TwinRoutes(services: twin).addRoutes(to: routes) }
    }
    OpenAPIController(features: TwinRoutes.features(dependencies)).addRoutes(to: router, registry: registry)
    return (router, registry)
}
