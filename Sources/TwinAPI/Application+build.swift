import Hummingbird
import Logging
import ServiceLifecycle
import TwinDomain

/// What the API needs from the outside world; the `atrium` executable fills it with concrete stores.
public struct APIDependencies: Sendable {
    /// Stores checked by `/health/ready`.
    public var probes: [any HealthProbe]
    /// Long-lived things (database pools, workers) run in the application's ServiceGroup,
    /// so they start before the server accepts requests and stop after it drains.
    public var services: [any Service]

    public init(probes: [any HealthProbe], services: [any Service]) {
        self.probes = probes
        self.services = services
    }
}

/// Where and how the HTTP server listens.
public struct APIServerSettings: Sendable {
    public var host: String
    public var port: Int
    public var serverName: String

    public init(host: String, port: Int, serverName: String = "Atrium") {
        self.host = host
        self.port = port
        self.serverName = serverName
    }
}

/// Builds the Atrium HTTP application: router, common middleware, controllers and services.
public func buildApplication(
    settings: APIServerSettings,
    dependencies: APIDependencies,
    logger: Logger
) -> some ApplicationProtocol {
    let router = buildRouter(dependencies: dependencies)
    return Application(
        router: router,
        configuration: .init(
            address: .hostname(settings.host, port: settings.port),
            serverName: settings.serverName
        ),
        services: dependencies.services,
        logger: logger
    )
}

/// The router alone, so tests can drive it with HummingbirdTesting without opening a port.
public func buildRouter(dependencies: APIDependencies) -> Router<AtriumRequestContext> {
    let router = Router(context: AtriumRequestContext.self)
    // Order matters: the request id must exist before anything logs, and errors must
    // become problem documents before the id header is added on the way out.
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ProblemMiddleware())
    HealthController(probes: dependencies.probes).addRoutes(to: router.group("health"))
    return router
}
