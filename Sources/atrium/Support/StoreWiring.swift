import BIMDocuments
import Foundation
import Logging
import ServiceLifecycle
import TwinDomain
import TwinServices
import TwinStore

/// The one place where concrete stores are created from configuration.
struct StoreWiring {
    let databaseURL: PostgresURL
    let postgres: PostGISDatabase
    let documents: MongoClientPool
    let probes: [any HealthProbe]
    let services: [any Service]

    static func make(configuration: AtriumConfiguration, logger: Logger) async throws -> StoreWiring {
        let url: PostgresURL
        do {
            url = try PostgresURL(configuration.databaseURL)
        } catch {
            throw ConfigurationError.malformed(variable: "ATRIUM_DATABASE_URL", reason: error.description)
        }
        try FileManager.default.createDirectory(
            atPath: configuration.dataDirectory, withIntermediateDirectories: true
        )
        let postgres = PostGISDatabase(url: url, logger: logger)
        let documents: MongoClientPool
        do {
            documents = try MongoClientPool(
                configuration: MongoConfiguration(uri: configuration.mongoDBURI, appName: "atrium"),
                logger: logger
            )
        } catch {
            throw ConfigurationError.malformed(variable: "ATRIUM_MONGODB_URI", reason: "libmongoc rejected the URI")
        }
        return StoreWiring(
            databaseURL: url,
            postgres: postgres,
            documents: documents,
            probes: [postgres, BIMDocumentStore(database: documents.database("atrium"))],
            services: [postgres, documents]
        )
    }

    /// Where audit checkpoints go: outside PostgreSQL first (file, MongoDB), then beside the chain.
    func checkpointStores(dataDirectory: String) -> [any AuditCheckpointRepository] {
        [FileAuditCheckpointStore.inDataDirectory(dataDirectory), MongoAuditCheckpointStore(database: documents.database("atrium")),
         PostgresAuditCheckpointStore(database: postgres)]
    }
}
