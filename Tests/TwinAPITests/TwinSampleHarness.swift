import BIMDocuments
import Foundation
import Hummingbird
import Logging
import Testing
import TwinDomain
import TwinServices
import TwinStore
@testable import TwinAPI

/// `SecurityHarness` plus the committed sample data centre (`samples/atrium-dc.ifc`) imported
/// into site A through the real pipeline: PostGIS rows, MongoDB entity documents, the original
/// and the storey tiles. The application serves the query, asset and geometry routes over them.
///
/// Importing is the slow part, so a suite imports once through ``SampleImportTrait`` and its
/// tests read ``current``; the throw-away PostgreSQL and document databases are dropped after
/// the suite.
struct TwinSampleHarness: Sendable {
    static let mongoURI: String? = ProcessInfo.processInfo.environment["ATRIUM_TEST_MONGODB_URI"].flatMap { $0.isEmpty ? nil : $0 }
    static var available: Bool { SecurityHarness.available && mongoURI != nil }
    static let skipMessage = "needs PostgreSQL/PostGIS and MongoDB: set ATRIUM_TEST_DATABASE_URL and ATRIUM_TEST_MONGODB_URI (tools/test does)"
    static var sampleIFC: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples/atrium-dc.ifc")
    }

    /// The harness of the running suite (set by ``SampleImportTrait``).
    @TaskLocal static var current: TwinSampleHarness?

    let security: SecurityHarness
    let store: PostGISTwinStore
    let documents: BIMDocumentStore
    let dependencies: APIDependencies
    let modelID: UUID
    /// The sample's building "DC1" (site A also holds the seeded, model-less building "A1").
    let buildingID: UUID

    static func with(_ body: @Sendable (TwinSampleHarness) async throws -> Void) async throws {
        guard let mongoURI else { throw HarnessError.notConfigured }
        try await SecurityHarness.with { security in
            var logger = Logger(label: "twin-sample-test")
            logger.logLevel = .warning
            let name = "t_api_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
            let pool = try MongoClientPool(configuration: MongoConfiguration(uri: mongoURI, appName: "atrium-api-tests",
                                                                             serverSelectionTimeout: .seconds(5), maxPoolSize: 4))
            let mongo = pool.database(name)
            let staging = FileManager.default.temporaryDirectory.appendingPathComponent(name, isDirectory: true)
            let result: Result<Void, any Error>
            do {
                let documents = BIMDocumentStore(database: mongo)
                try await documents.ensureIndexes()
                let store = PostGISTwinStore(database: security.database, hasher: SHA256AuditChainHasher())
                let settings = ImportSettings(stagingDirectory: staging)
                let importer = Principal.system(name: "sample-import")
                let staged = try StagedUpload.stage(copying: sampleIFC, into: staging, maxBytes: settings.maxBytes)
                let item = try await ImportService(twin: store, jobs: store, queue: ImportQueue(), settings: settings, logger: logger)
                    .accept(stagedFile: staged, fileName: "atrium-dc.ifc", siteID: security.siteA, modelID: nil,
                            principal: importer, context: AuditContext(requestID: "sample-import"))
                let job = await ImportPipeline(twin: store, jobs: store, documents: documents, importer: TwinFileImporter(),
                                               settings: settings, logger: logger).run(item)
                guard job.status == .succeeded, let modelID = job.modelID else {
                    throw SampleImportError(status: job.status.rawValue, code: job.errorCode)
                }
                let buildings = try await store.buildings(siteID: security.siteA, page: PageRequest(), scope: .everything)
                guard let building = buildings.items.first(where: { $0.modelID == modelID }) else {
                    throw SampleImportError(status: "no building", code: nil)
                }
                let twin = TwinAPIServices(query: TwinQueryService(repository: store, documents: documents),
                                           assets: AssetService(repository: store, logger: logger),
                                           geometry: GeometryService(twin: store, documents: documents, logger: logger),
                                           alarms: AlarmService(store: store, logger: logger),
                                           alarmRules: AlarmRuleService(store: store, logger: logger),
                                           webhooks: WebhookService(store: store, logger: logger))
                let dependencies = APIDependencies(probes: [], services: [], security: security.services, twin: twin)
                try await body(TwinSampleHarness(security: security, store: store, documents: documents, dependencies: dependencies,
                                                 modelID: modelID, buildingID: building.id))
                result = .success(())
            } catch {
                result = .failure(error)
            }
            try? await mongo.drop()
            await pool.shutdown()
            try? FileManager.default.removeItem(at: staging)
            try result.get()
        }
    }

    var application: some ApplicationProtocol {
        get throws { Application(router: try buildValidatedRouter(dependencies: dependencies).router) }
    }

    /// Every asset of the sample (one store read; tests pick from it).
    func assets() async throws -> [Asset] {
        try await store.assets(AssetQuery(buildingID: buildingID, page: PageRequest(limit: PageRequest.maximumLimit)),
                               scope: .everything).items
    }

    func floors() async throws -> [Floor] {
        try await store.floors(buildingID: buildingID, page: PageRequest(limit: PageRequest.maximumLimit), scope: .everything).items
    }

    func spaces() async throws -> [Space] {
        try await store.spaces(buildingID: buildingID, floorID: nil, zoneID: nil, text: nil,
                               page: PageRequest(limit: PageRequest.maximumLimit), scope: .everything).items
    }
}

struct SampleImportError: Error, CustomStringConvertible {
    var status: String
    var code: String?
    var description: String { "sample import did not succeed: \(status) \(code ?? "")" }
}

/// Imports the sample once around a whole suite and hands it to the suite's tests through
/// ``TwinSampleHarness/current``.
struct SampleImportTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard TwinSampleHarness.available else { return try await function() }
        try await TwinSampleHarness.with { harness in
            try await TwinSampleHarness.$current.withValue(harness) { try await function() }
        }
    }
}

extension Trait where Self == SampleImportTrait {
    /// The sample data centre, imported once for the suite.
    static var sampleImport: Self { SampleImportTrait() }
}
