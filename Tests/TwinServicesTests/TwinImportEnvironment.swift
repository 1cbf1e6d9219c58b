import BIMDocuments
import Foundation
import Logging
import PostgresNIO
import TwinDomain
import TwinServices
import TwinStore

/// Real PostgreSQL/PostGIS and MongoDB for import tests: a migrated throw-away database, a
/// throw-away document database, and the import services over them. Both are dropped afterwards.
struct TwinImportEnvironment: Sendable {
    static let databaseURL: PostgresURL? = ProcessInfo.processInfo.environment["ATRIUM_TEST_DATABASE_URL"]
        .flatMap { try? PostgresURL($0) }
    static let mongoURI: String? = ProcessInfo.processInfo.environment["ATRIUM_TEST_MONGODB_URI"].flatMap { $0.isEmpty ? nil : $0 }
    static var available: Bool { databaseURL != nil && mongoURI != nil }
    static let skipMessage = "needs PostgreSQL/PostGIS and MongoDB: run tools/test (it sets ATRIUM_TEST_DATABASE_URL and ATRIUM_TEST_MONGODB_URI)"

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var migrationsDirectory: URL { repository.appendingPathComponent("Migrations") }
    static var sampleIFC: URL { repository.appendingPathComponent("samples/atrium-dc.ifc") }
    static var corpus: URL { repository.deletingLastPathComponent().appendingPathComponent("shared/corpus") }

    let store: PostGISTwinStore
    let database: PostGISDatabase
    let documents: BIMDocumentStore
    let settings: ImportSettings
    let logger: Logger

    static let admin = Principal.system(name: "test-admin")

    var imports: ImportService {
        ImportService(twin: store, jobs: store, queue: ImportQueue(), settings: settings, logger: logger)
    }

    func pipeline(importer: any ModelFileImporter = TwinFileImporter(), fault: ImportFaultInjection? = nil) -> ImportPipeline {
        var settings = self.settings
        settings.faultInjection = fault
        var pipeline = ImportPipeline(twin: store, jobs: store, documents: documents, importer: importer, settings: settings, logger: logger)
        pipeline.points = PointProvisioner(twin: store, rules: (try? PointProvisioner.loadRules(path: nil)) ?? PointRules(rules: []),
                                           directory: nil, logger: logger)
        return pipeline
    }

    var geometry: GeometryService { GeometryService(twin: store, documents: documents, logger: logger) }

    /// Copies `file` into staging and accepts it as a job for the admin (or `principal`).
    func accept(_ file: URL, siteID: UUID? = nil, modelID: UUID? = nil, principal: Principal = admin) async throws -> ImportWorkItem {
        let staged = try StagedUpload.stage(copying: file, into: settings.stagingDirectory, maxBytes: settings.maxBytes)
        return try await imports.accept(stagedFile: staged, fileName: file.lastPathComponent, siteID: siteID, modelID: modelID,
                                        principal: principal, context: AuditContext(requestID: "test"))
    }

    /// Accept + run, the way the worker does.
    func importFile(_ file: URL, modelID: UUID? = nil, fault: ImportFaultInjection? = nil,
                    importer: any ModelFileImporter = TwinFileImporter()) async throws -> ImportJob {
        let item = try await accept(file, modelID: modelID)
        return await pipeline(importer: importer, fault: fault).run(item)
    }

    func count(_ sql: String) async throws -> Int {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(Int.self) { return value }
        return 0
    }

    /// Every stored file of every version (GridFS `files.files`).
    func storedFileCount() async throws -> Int {
        try await documents.database.collection("files.files").countDocuments()
    }

    func entityDocumentCount() async throws -> Int {
        try await documents.database.collection("entities").countDocuments()
    }

    static func with(_ body: @Sendable (TwinImportEnvironment) async throws -> Void) async throws {
        guard let server = databaseURL, let mongoURI else { return }
        let logger = Logger(label: "twin-import-test")
        let name = "t_imp_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
        let admin = PostGISDatabase(url: server, maximumConnections: 1, logger: logger)
        let database = PostGISDatabase(url: server.with(database: name), maximumConnections: 6, logger: logger)
        let pool = try MongoClientPool(configuration: MongoConfiguration(uri: mongoURI, appName: "atrium-tests",
                                                                         serverSelectionTimeout: .seconds(5), maxPoolSize: 4))
        let mongo = pool.database(name)
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent(name, isDirectory: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        try await admin.whileRunning {
            try await admin.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            let result: Result<Void, any Error>
            do {
                try await database.whileRunning {
                    let migrations = try Migration.load(from: migrationsDirectory)
                    try await Migrator(client: database.client, migrations: migrations, logger: logger).migrate()
                    let documents = BIMDocumentStore(database: mongo)
                    try await documents.ensureIndexes()
                    let environment = TwinImportEnvironment(
                        store: PostGISTwinStore(database: database, hasher: SHA256AuditChainHasher()), database: database,
                        documents: documents, settings: ImportSettings(stagingDirectory: staging), logger: logger)
                    try await body(environment)
                }
                result = .success(())
            } catch {
                result = .failure(error)
            }
            _ = try? await admin.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            try? await mongo.drop()
            await pool.shutdown()
            try result.get()
        }
    }
}
