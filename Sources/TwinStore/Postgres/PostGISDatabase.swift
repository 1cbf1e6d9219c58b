import Logging
import PostgresNIO
import ServiceLifecycle
import TwinDomain

/// Atrium's PostgreSQL/PostGIS connection pool, run as a service in the application's ServiceGroup.
///
/// Repositories share one `PostGISDatabase`; it owns the pool so start-up and graceful
/// shutdown happen in exactly one place.
public struct PostGISDatabase: Service, HealthProbe {
    public let client: PostgresClient
    public let url: PostgresURL
    public let logger: Logger

    public var name: String { "postgresql" }

    public init(url: PostgresURL, maximumConnections: Int = 20, logger: Logger) {
        var configuration = url.clientConfiguration()
        configuration.options.maximumConnections = maximumConnections
        self.url = url
        self.logger = logger
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// Runs the pool until the service group shuts down.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await client.run()
        } onGracefulShutdown: {
            // `client.run()` returns once its task is cancelled; ServiceGroup cancels on shutdown.
        }
    }

    public func probe(timeout: Duration) async throws {
        let client = self.client
        try await Self.withTimeout(timeout) {
            do {
                let rows = try await client.query("SELECT 1::int4")
                for try await _ in rows {}
            } catch {
                throw HealthProbeError.unreachable
            }
        }
    }

    /// Runs `body` in one transaction, translating driver errors at the store boundary.
    public func withTransaction<T: Sendable>(
        _ body: (PostgresConnection) async throws -> sending T
    ) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger, body)
        } catch let error as PostgresTransactionError {
            throw PostgresErrorTranslator.translate(error.closureError ?? error.commitError ?? error, logger: logger)
        } catch {
            throw PostgresErrorTranslator.translate(error, logger: logger)
        }
    }
}
