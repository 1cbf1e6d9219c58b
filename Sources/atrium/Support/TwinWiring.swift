import BIMDocuments
import Foundation
import Logging
import TwinDomain
import TwinImport
import TwinServices
import TwinStore

/// The twin's stores and services over the wired pools: what `atrium serve` and
/// `atrium import` share, so the command line imports exactly like the server.
struct TwinWiring: Sendable {
    let store: PostGISTwinStore
    let documents: BIMDocumentStore
    let settings: ImportSettings
    let queue: ImportQueue
    let imports: ImportService
    let pipeline: ImportPipeline
    let geometry: GeometryService
    /// Gives imported sites their points (no spool: `atrium import` runs beside a serving process).
    let provisioner: PointProvisioner

    static func make(configuration: AtriumConfiguration, postgres: PostGISDatabase, mongo: MongoClientPool,
                     events: LiveEventHub? = nil, assetCache: AssetReadCache? = nil,
                     buildingCache: BuildingReadCache? = nil, logger: Logger) throws -> TwinWiring {
        let store = PostGISTwinStore(database: postgres, hasher: SHA256AuditChainHasher())
        let documents = BIMDocumentStore(database: mongo.database("atrium"))
        let rules: ClassificationRules
        if let path = configuration.classificationRulesPath {
            do {
                rules = try ClassificationRules.load(from: URL(fileURLWithPath: path))
            } catch {
                throw ConfigurationError.malformed(variable: "ATRIUM_CLASSIFICATION_RULES", reason: error.description)
            }
        } else {
            rules = .default
        }
        let staging = configuration.importDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("atrium-imports", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw ConfigurationError.malformed(variable: "ATRIUM_IMPORT_DIR", reason: "cannot create \(staging.path)")
        }
        var settings = ImportSettings(maxBytes: configuration.importMaxBytes, stagingDirectory: staging)
        settings.maxQueuedJobs = configuration.importMaxQueued
        settings.stagedBytesPerPrincipal = max(configuration.importQuotaBytes, configuration.importMaxBytes)
        let queue = ImportQueue()
        // A compressed upload may expand to no more than a plain upload may be: the parser holds
        // the decompressed file in memory, so this (not the compression ratio) bounds its cost.
        let limits = ImportLimits(maxUncompressedBytes: configuration.importMaxBytes)
        let importer = TwinFileImporter(importer: TwinImporter(limits: limits), rules: rules, limits: limits)
        let rulesForPoints: PointRules
        do { rulesForPoints = try PointProvisioner.loadRules(path: configuration.pointRulesPath) } catch {
            throw ConfigurationError.malformed(variable: "ATRIUM_POINT_RULES", reason: String(describing: error))
        }
        let provisioner = PointProvisioner(twin: store, rules: rulesForPoints, directory: nil, logger: logger)
        var pipeline = ImportPipeline(twin: store, jobs: store, documents: documents,
                                      importer: importer, settings: settings, events: events,
                                      assetCache: assetCache, buildingCache: buildingCache, logger: logger)
        pipeline.points = provisioner
        return TwinWiring(
            store: store, documents: documents, settings: settings, queue: queue,
            imports: ImportService(twin: store, jobs: store, queue: queue, settings: settings, importer: importer, logger: logger),
            pipeline: pipeline,
            geometry: GeometryService(twin: store, documents: documents, logger: logger),
            provisioner: provisioner)
    }

    /// The long-running import worker for `atrium serve`.
    func worker(logger: Logger) -> ImportWorker {
        ImportWorker(pipeline: pipeline, queue: queue, logger: logger)
    }
}
