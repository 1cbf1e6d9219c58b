import BIMDocuments
import Crypto
import DurableSpool
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TwinDomain
import TwinServices
import TwinStore
@testable import TwinAPI

/// `/openapi.json` documents exactly the routes the router serves (same method and path
/// template, both ways), for a fully featured instance, and is an OpenAPI 3.1 JSON document.
@Suite("OpenAPI consistency")
struct OpenAPIConsistencyTests {
    /// Every feature on, over stores that are never contacted (building a router opens no connection).
    static func fullDependencies() async throws -> APIDependencies {
        let logger = Logger(label: "openapi-test")
        let database = PostGISDatabase(url: try PostgresURL("postgres://atrium@127.0.0.1:9/unused?sslmode=disable"), logger: logger)
        let keys = try JWTKeySet(active: JWTKey(kid: "k", material: .p256Private(P256.Signing.PrivateKey())))
        let security = await SecurityServices.make(store: PostgresSecurityStore(database: database, hasher: SHA256AuditChainHasher()),
                                                   keys: keys, settings: AuthSettings(bcryptCost: 4), logger: logger)
        let store = PostGISTwinStore(database: database, hasher: SHA256AuditChainHasher())
        let documents = BIMDocumentStore(database: try MongoClientPool(configuration: MongoConfiguration(uri: "mongodb://127.0.0.1:9"),
                                                                       logger: logger).database("unused"))
        let imports = ImportService(twin: store, jobs: store, queue: ImportQueue(), settings: ImportSettings(), logger: logger)
        let spool = try DurableSpool(directory: FileManager.default.temporaryDirectory
            .appendingPathComponent("atrium-openapi-spool-\(UUID().uuidString)"))
        let points = PointDirectory(repository: store)
        let twin = TwinAPIServices(query: TwinQueryService(repository: store, documents: documents),
                                   assets: AssetService(repository: store, logger: logger), imports: imports,
                                   geometry: GeometryService(twin: store, documents: documents, logger: logger),
                                   telemetry: TelemetryService(twin: store, telemetry: store, directory: points, logger: logger),
                                   ingest: ReadingIngestService(spool: spool, directory: points, retention: .seconds(86_400), logger: logger))
        return APIDependencies(probes: [], services: [], security: security, benchmarkRoutes: true, twin: twin)
    }

    static func registered(_ router: Router<AtriumRequestContext>) -> Set<String> {
        Set(router.routes.map { "\($0.method.rawValue) \($0.path.description.hasPrefix("/") ? "" : "/")\($0.path)" })
    }

    static func documented(_ document: [String: Any]) -> Set<String> {
        var keys = Set<String>()
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for method in (item as? [String: Any] ?? [:]).keys { keys.insert("\(method.uppercased()) \(path)") }
        }
        return keys
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        let dependencies = try await Self.fullDependencies()
        let (router, registry) = try buildValidatedRouter(dependencies: dependencies)
        let registered = Self.registered(router)
        #expect(Set(registry.declarations.keys) == registered)
        let data = Data(OpenAPIDocument.build(features: TwinRoutes.features(dependencies)).bytes)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let documented = Self.documented(document)
        #expect(registered.subtracting(documented).sorted() == [], "registered but not documented")
        #expect(documented.subtracting(registered).sorted() == [], "documented but not registered")
    }

    @Test func documentedAccessMatchesDeclaredAccess() async throws {
        let dependencies = try await Self.fullDependencies()
        let (_, registry) = try buildValidatedRouter(dependencies: dependencies)
        for operation in OpenAPIDocument.operations(features: TwinRoutes.features(dependencies)) {
            let method = HTTPRequest.Method(operation.method.uppercased())!
            #expect(registry.access(method, operation.path) == operation.access, "\(operation.key)")
        }
    }

    @Test func servedDocumentIsOpenAPI31() async throws {
        let dependencies = try await Self.fullDependencies()
        let app = Application(router: try buildValidatedRouter(dependencies: dependencies).router)
        try await app.test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                #expect(document["openapi"] as? String == "3.1.0")
                // tools/openapi-check validates this file with openapi-spec-validator.
                if let path = ProcessInfo.processInfo.environment["ATRIUM_OPENAPI_DUMP"] {
                    try Data(response.body.readableBytesView).write(to: URL(fileURLWithPath: path))
                }
                let components = try #require(document["components"] as? [String: Any])
                let schemes = try #require(components["securitySchemes"] as? [String: Any])
                #expect(Set(schemes.keys) == ["bearerAuth", "apiKey"])
                let schemas = try #require(components["schemas"] as? [String: Any])
                // Every $ref points at a defined schema.
                let text = String(decoding: response.body.readableBytesView, as: UTF8.self)
                let refs = text.components(separatedBy: "#/components/schemas/").dropFirst().map { $0.prefix { $0 != "\"" } }
                for ref in Set(refs) { #expect(schemas[String(ref)] != nil, "dangling $ref \(ref)") }
                // The asset schema is the representation's own member list.
                let asset = try #require(schemas["Asset"] as? [String: Any])
                let properties = try #require(asset["properties"] as? [String: Any])
                #expect(Set(properties.keys) == Set(TwinFields.asset))
            }
        }
    }

    @Test func bareSkeletonDocumentsOnlyItsOwnRoutes() throws {
        let (router, _) = try buildValidatedRouter(dependencies: APIDependencies(probes: [], services: []))
        let registered = Self.registered(router)
        let data = Data(OpenAPIDocument.build(features: [.core]).bytes)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Self.documented(document) == registered)
    }
}
