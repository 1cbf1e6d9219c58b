import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import TwinAPI
import TwinDomain
import TwinServices
import TwinStore
import WebhookClient

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
        // Audit checkpoints (issue 21): a dedicated key; the head signed into a file, MongoDB and PostgreSQL.
        let auditKey = try AuditKeyConfiguration.load(dataDirectory: configuration.dataDirectory, tokenKeys: auth.keys, logger: logger)
        let checkpointStores = stores.checkpointStores(dataDirectory: configuration.dataDirectory)
        let checkpoints = AuditCheckpointService(store: securityStore, signer: auditKey.signer, stores: checkpointStores,
                                                 interval: auditKey.interval, logger: logger)
        let security = await SecurityServices.make(store: securityStore, keys: auth.keys, settings: auth.settings,
                                                   principalCacheTTL: auth.principalCacheTTL, auditSigner: auditKey.signer,
                                                   checkpointStores: checkpointStores, logger: logger)
        // The twin (issue 6): PostGIS store, BIM documents, import worker (it creates the document
        // indexes and settles interrupted imports before taking work) and geometry.
        let liveEvents = LiveEventHub()
        // Asset reads are cached only while the change feed (LISTEN twin_changed) is connected;
        // writers here flush it after their commits, other processes' commits arrive as NOTIFY.
        // Per building, spatial hits and the navigator outline are served from memory the same way.
        let environment = ProcessInfo.processInfo.environment
        let assetCache = AssetReadCache(capacity: try AssetReadCache.capacity(environment: environment))
        let buildingCache = BuildingReadCache(capacity: try BuildingReadCache.capacity(environment: environment))
        let capacityCache = CapacityRowCache()
        let observers: [any TwinChangeObserver] = (assetCache.capacity > 0 ? [assetCache] : [])
            + (buildingCache.capacity > 0 ? [buildingCache] : []) + [capacityCache]
        let twin = try TwinWiring.make(configuration: configuration, postgres: stores.postgres, mongo: stores.documents,
                                       events: liveEvents, assetCache: assetCache, buildingCache: buildingCache, logger: logger)
        // Alarms (issue 14): the engine evaluates readings as the drain commits them. Live clients
        // get readings and alarm changes from every server: each posts them on PostgreSQL's
        // `live_events` channel, and the same listening session that feeds the caches hears them all.
        let livePoints = LivePointIndex(repository: twin.store)
        let fanOut = LiveFanOut(channel: twin.store, hub: liveEvents, points: livePoints, store: twin.store, logger: logger)
        let changeFeed: [any Service] = [TwinChangeListener(url: stores.databaseURL, observers: observers, live: fanOut, logger: logger)]
        let alarmMonitor = AlarmMonitor(store: twin.store, logger: logger, live: fanOut)
        let telemetry = try TelemetryWiring.make(configuration: configuration, store: twin.store, provisioner: twin.provisioner,
                                                 observer: alarmMonitor, accepted: fanOut, logger: logger)
        // MQTT ingest (issue 13) when ATRIUM_MQTT_URL is set; listed last so it stops first and
        // nothing arrives after the spool's other users are gone.
        let mqtt = try configuration.mqtt.map { try MQTTWiring.make(settings: $0, configuration: configuration, telemetry: telemetry, logger: logger) }
        var twinServices = TwinAPIServices(
            query: TwinQueryService(repository: twin.store, documents: twin.documents, assetCache: assetCache,
                                    buildingCache: buildingCache),
            assets: AssetService(repository: twin.store, assetCache: assetCache, buildingCache: buildingCache, logger: logger),
            imports: twin.imports,
            geometry: twin.geometry,
            telemetry: telemetry.query,
            ingest: telemetry.ingest,
            alarms: AlarmService(store: twin.store, logger: logger, live: fanOut),
            alarmRules: AlarmRuleService(store: twin.store, monitor: alarmMonitor, logger: logger),
            webhooks: WebhookService(store: twin.store, logger: logger),
            liveSnapshots: LiveSnapshots(points: livePoints, telemetry: twin.store, alarms: twin.store))
        twinServices.scenarios = ScenarioService(store: twin.store, logger: logger)
        let capacity = CapacityService(store: twin.store, cache: capacityCache, logger: logger)
        // A tariff for energy cost estimates (price per kWh, in ATRIUM_ENERGY_CURRENCY); a request may pass its own.
        let energy = EnergyService(store: twin.store, defaultTariff: environment["ATRIUM_ENERGY_TARIFF"].flatMap(Double.init),
                                   currency: environment["ATRIUM_ENERGY_CURRENCY"])
        twinServices.capacity = capacity
        twinServices.energy = energy
        twinServices.deviceImport = DeviceBulkImport(store: twin.store, assets: twinServices.assets)
        twinServices.reports = ReportService(energy: energy, capacity: capacity, store: twin.store)
        // Alarm notifications: the outbox dispatcher POSTs through one AsyncHTTPClient pool, and
        // mails `mailto:` targets through the relay of ATRIUM_SMTP_URL when one is set.
        let webhookDelivery = WebhookDelivery(client: WebhookClient())
        let dispatcher = NotificationDispatcher(store: twin.store, transport: webhookDelivery, mail: try MailDelivery.fromEnvironment(),
                                                logger: logger)
        let app = try buildApplication(
            settings: .init(host: configuration.listenHost, port: configuration.listenPort, limits: configuration.httpLimits),
            dependencies: APIDependencies(probes: stores.probes + [telemetry.probe] + (mqtt.map { [$0.probe] } ?? []),
                                          services: stores.services + changeFeed + [twin.worker(logger: logger), checkpoints]
                                              + [webhookDelivery, fanOut] + telemetry.services + [alarmMonitor, dispatcher]
                                              + (mqtt.map { [$0.connection] } ?? []),
                                          security: security,
                                          benchmarkRoutes: ProcessInfo.processInfo.environment["ATRIUM_BENCH_ROUTES"] == "1",
                                          liveEvents: liveEvents, twin: twinServices,
                                          trustedProxies: configuration.trustedProxies),
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
