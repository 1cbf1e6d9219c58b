import ArgumentParser
import Foundation
import Hummingbird
import Logging
import TwinAPI
import TwinDomain
import TwinServices
import TwinStore

/// `atrium serve`: wires the concrete stores into the API and runs until SIGINT/SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Atrium HTTP API."
    )

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let configuration = try options.resolve()
        let logger = LogBootstrap.install(level: configuration.logLevel, format: configuration.logFormat)
        let stores = try await StoreWiring.make(configuration: configuration, logger: logger)
        // Security (issue 7): keys and settings from ATRIUM_JWT_* / ATRIUM_BCRYPT_COST, store over the pool.
        let auth = try UserAuthConfiguration.load(logger: logger)
        let securityStore = PostgresSecurityStore(database: stores.postgres, hasher: SHA256AuditChainHasher())
        let security = await SecurityServices.make(store: securityStore, keys: auth.keys, settings: auth.settings,
                                                   principalCacheTTL: auth.principalCacheTTL, logger: logger)
        // The twin (issue 6): PostGIS store, BIM documents, import worker (it creates the document
        // indexes and settles interrupted imports before taking work) and geometry.
        let liveEvents = LiveEventHub()
        let twin = try TwinWiring.make(configuration: configuration, postgres: stores.postgres, mongo: stores.documents,
                                       events: liveEvents, logger: logger)
        let twinServices = TwinAPIServices(
            query: TwinQueryService(repository: twin.store, documents: twin.documents),
            assets: AssetService(repository: twin.store, logger: logger),
            imports: twin.imports,
            geometry: twin.geometry)
        let app = try buildApplication(
            settings: .init(host: configuration.listenHost, port: configuration.listenPort),
            dependencies: APIDependencies(probes: stores.probes, services: stores.services + [twin.worker(logger: logger)],
                                          security: security,
                                          benchmarkRoutes: ProcessInfo.processInfo.environment["ATRIUM_BENCH_ROUTES"] == "1",
                                          liveEvents: liveEvents, twin: twinServices),
            logger: logger
        )
        logger.info(
            "starting",
            metadata: [
                "listen": "\(configuration.listenHost):\(configuration.listenPort)",
                "database": "\(stores.databaseURL.redacted)",
            ]
        )
        try await app.runService()
    }
}
