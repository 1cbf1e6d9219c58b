// swift-tools-version:6.2
// Atrium: facility BIM and asset twin service.
//
// Module layout (arrows point at dependencies, never the reverse):
//   STEP, IFCSchema            Foundation only
//   IFC          -> STEP, IFCSchema
//   IFCGeometry  -> IFC
//   COBie        -> ZIPFoundation, CLibXML2
//   TelemetryCore, DurableSpool  Foundation only: telemetry vocabulary, units and payload
//                              decoders; a crash-safe write-ahead spool (segment files, CRC, fsync)
//   AlarmCore    Foundation only: alarm rules (thresholds with deadband and delays, boolean,
//                              rate of change, stale), their evaluation and the alarm life cycle
//   TwinSimulation Foundation only: the simulator's coupled physical models (racks, zones and
//                              CRACs, PDUs, UPSs and cells), reporting schedule and incident scenarios
//   CapacityCore Foundation only: rack U space, power (nameplate, allocated, measured) through cascaded
//                              power chains with N+1, weight, cooling with N+1, rollups, placement finder
//   MQTTClient   -> CMosquitto: a long-lived MQTT 5 client Service over libmosquitto
//   WebhookClient -> AsyncHTTPClient: signed webhook POSTs (alarm notifications)
//   MailClient   -> NIO: plain-text mail through an SMTP relay (alarm notifications by e-mail)
//   TwinDomain   -> TelemetryCore, AlarmCore
//   TwinImport   -> TwinDomain, IFC, IFCGeometry, COBie
//   TwinStore    -> TwinDomain, PostgresNIO
//   BIMDocuments -> TwinDomain, CMongoc
//   TwinServices -> TwinDomain, TwinImport (and the IFC/IFCGeometry it reads for tiles), TwinSimulation
//                   (the scenario catalogue it validates requests against)
//   TwinAPI      -> TwinServices, Hummingbird
//   atrium       -> everything; the only place that wires concrete stores (and the MQTT client).
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Atrium",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "atrium", targets: ["atrium"]),
        .library(name: "STEP", targets: ["STEP"]),
        .library(name: "IFC", targets: ["IFC"]),
        .library(name: "IFCGeometry", targets: ["IFCGeometry"]),
        .library(name: "COBie", targets: ["COBie"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(
            name: "CMongoc",
            pkgConfig: "libmongoc-1.0",
            providers: [.apt(["libmongoc-dev", "libbson-dev"])]
        ),
        .systemLibrary(
            name: "CMosquitto",
            pkgConfig: "libmosquitto",
            providers: [.apt(["libmosquitto-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        // MARK: Reusable BIM libraries (know nothing of Atrium)
        .target(name: "STEP", swiftSettings: swiftSettings),
        .target(name: "IFCSchema", swiftSettings: swiftSettings),
        .target(name: "IFC", dependencies: ["STEP", "IFCSchema"], swiftSettings: swiftSettings),
        .target(name: "IFCGeometry", dependencies: ["IFC"], exclude: ["README.md"], swiftSettings: swiftSettings),
        .target(
            name: "COBie",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "CLibXML2",
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Reusable telemetry libraries (know nothing of Atrium's stores)
        .target(name: "TelemetryCore", swiftSettings: swiftSettings),
        .target(name: "DurableSpool", swiftSettings: swiftSettings),
        .target(name: "AlarmCore", swiftSettings: swiftSettings),
        .target(name: "TwinSimulation", swiftSettings: swiftSettings),
        .target(name: "CapacityCore", swiftSettings: swiftSettings),
        // Appends to a spool until SIGKILLed: the crash test's victim.
        .executableTarget(name: "spool-crash-writer", dependencies: ["DurableSpool"], swiftSettings: swiftSettings),
        .target(
            name: "MQTTClient",
            dependencies: [
                "CMosquitto",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Plain-text mail through an SMTP relay, over SwiftNIO (alarm notifications by e-mail).
        .target(
            name: "MailClient",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Signed webhook POSTs over AsyncHTTPClient (alarm notifications).
        .target(
            name: "WebhookClient",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Subscribes and blocks inside the handler until SIGKILLed: the acknowledgement test's victim.
        .executableTarget(name: "mqtt-ack-probe", dependencies: ["MQTTClient"], swiftSettings: swiftSettings),

        // MARK: Atrium
        .target(name: "TwinDomain", dependencies: ["TelemetryCore", "AlarmCore"], swiftSettings: swiftSettings),
        .target(
            name: "TwinImport",
            dependencies: ["TwinDomain", "IFC", "IFCGeometry", "COBie"],
            exclude: ["README.md"],
            resources: [.copy("Resources/classification-rules.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TwinStore",
            dependencies: [
                "TwinDomain", "TelemetryCore", "AlarmCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BIMDocuments",
            dependencies: [
                "TwinDomain",
                "CMongoc",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TwinServices",
            dependencies: [
                "TwinDomain", "TwinImport", "IFC", "IFCGeometry", "TelemetryCore", "DurableSpool", "AlarmCore", "TwinSimulation", "CapacityCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.copy("Resources/point-rules.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TwinAPI",
            dependencies: [
                "TwinServices", "TelemetryCore", "AlarmCore", "TwinSimulation", "CapacityCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "atrium",
            dependencies: [
                "STEP", "IFC", "IFCGeometry", "COBie",
                "TwinDomain", "TwinImport", "TwinStore", "BIMDocuments", "TwinServices", "TwinAPI", "DurableSpool", "TelemetryCore", "MQTTClient",
                "WebhookClient", "MailClient", "TwinSimulation",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests (unit tests need no servers; integration tests skip unless tools/test started them)
        .testTarget(name: "STEPTests", dependencies: ["STEP"], swiftSettings: swiftSettings),
        .testTarget(name: "TelemetryCoreTests", dependencies: ["TelemetryCore"], swiftSettings: swiftSettings),
        .testTarget(name: "AlarmCoreTests", dependencies: ["AlarmCore"], swiftSettings: swiftSettings),
        .testTarget(name: "TwinSimulationTests", dependencies: ["TwinSimulation"], swiftSettings: swiftSettings),
        .testTarget(name: "CapacityCoreTests", dependencies: ["CapacityCore"], swiftSettings: swiftSettings),
        .testTarget(name: "DurableSpoolTests", dependencies: ["DurableSpool", "spool-crash-writer"], swiftSettings: swiftSettings),
        // Real processes for integration tests: children with a clean signal mask, a private Mosquitto.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "MQTTClientTests", dependencies: ["MQTTClient", "mqtt-ack-probe", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "IFCSchemaTests", dependencies: ["IFCSchema"], swiftSettings: swiftSettings),
        .testTarget(name: "IFCTests", dependencies: ["IFC", "STEP"], swiftSettings: swiftSettings),
        .testTarget(name: "IFCGeometryTests", dependencies: ["IFCGeometry", "IFC"], swiftSettings: swiftSettings),
        .testTarget(
            name: "COBieTests",
            dependencies: ["COBie", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TwinDomainTests", dependencies: ["TwinDomain", "AlarmCore"], swiftSettings: swiftSettings),
        .testTarget(name: "TwinImportTests", dependencies: ["TwinImport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TwinStoreTests",
            dependencies: ["TwinStore", "TelemetryCore", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BIMDocumentsTests", dependencies: ["BIMDocuments"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TwinServicesTests",
            dependencies: [
                "TwinServices", "TwinStore", "BIMDocuments", "TwinImport", "DurableSpool", "TelemetryCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TwinAPITests",
            dependencies: [
                "TwinAPI", "TwinServices", "TwinStore", "BIMDocuments", "DurableSpool", "MQTTClient", "TestSupport", "WebhookClient",
                "MailClient",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
