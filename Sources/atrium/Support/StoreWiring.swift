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
        return StoreWiring(databaseURL: url, postgres: postgres, probes: [postgres], services: [postgres])
    }
}
