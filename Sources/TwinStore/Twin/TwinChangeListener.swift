import Logging
import PostgresNIO
import ServiceLifecycle
import TwinDomain

/// The PostgreSQL side of the twin change feed: one dedicated connection doing
/// `LISTEN twin_changed` (migration 0005's triggers notify it on every commit touching the asset
/// tables) and forwarding each notification to the observers, in order.
///
/// Observers are told `.reset(listening: true)` once the `LISTEN` is active, and
/// `.reset(listening: false)` as soon as the connection is lost (or the listener stops): in between
/// commits may go unseen, so caches must stop trusting themselves. It reconnects with bounded
/// exponential backoff and ends with the ServiceGroup's graceful shutdown.
public struct TwinChangeListener: Service {
    public static let channel = "twin_changed"
    /// `application_name` of the listening session, to find it in `pg_stat_activity`.
    public static let applicationName = "atrium-twin-changes"

    let url: PostgresURL
    let observers: [any TwinChangeObserver]
    let initialBackoff: Duration
    let maximumBackoff: Duration
    let logger: Logger

    public init(url: PostgresURL, observers: [any TwinChangeObserver], initialBackoff: Duration = .milliseconds(100),
                maximumBackoff: Duration = .seconds(5), logger: Logger) {
        self.url = url
        self.observers = observers
        self.initialBackoff = initialBackoff
        self.maximumBackoff = max(initialBackoff, maximumBackoff)
        self.logger = logger
    }

    public func run() async throws {
        let listener = self
        await cancelWhenGracefulShutdown { await listener.listenUntilCancelled() }
    }

    func publish(_ event: TwinChangeEvent) {
        for observer in observers { observer.twinChanged(event) }
    }

    /// Listens, and after every lost session waits (100 ms doubling to 5 s by default; back to the
    /// start after a session that did listen) and tries again, until cancelled.
    func listenUntilCancelled() async {
        var delay = initialBackoff
        while !Task.isCancelled {
            let listened = await listenOnce()
            publish(.reset(listening: false))
            if Task.isCancelled { break }
            if listened { delay = initialBackoff }
            logger.warning("twin change feed lost; caches bypassed until it listens again",
                           metadata: ["retry_in": "\(delay)"])
            do {
                try await Task.sleep(for: delay)
            } catch {
                break
            }
            delay = min(delay * 2, maximumBackoff)
        }
    }

    /// One session: connect, `LISTEN`, forward until the connection ends or the task is cancelled.
    /// Returns whether the `LISTEN` became active.
    func listenOnce() async -> Bool {
        var listening = false
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: try url.connectionConfiguration(applicationName: Self.applicationName), id: 0, logger: logger)
        } catch {
            if !Task.isCancelled { logger.warning("twin change feed cannot connect", metadata: ["error": "\(String(reflecting: type(of: error)))"]) }
            return false
        }
        do {
            try await connection.listen(on: Self.channel) { notifications in
                listening = true
                logger.debug("twin change feed listening")
                publish(.reset(listening: true))
                for try await notification in notifications {
                    publish(.changed(tables: [notification.payload]))
                }
            }
        } catch {
            if !Task.isCancelled { logger.warning("twin change feed interrupted", metadata: ["error": "\(String(reflecting: type(of: error)))"]) }
        }
        try? await connection.close()
        return listening
    }
}
