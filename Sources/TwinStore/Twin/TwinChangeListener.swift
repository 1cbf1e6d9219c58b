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
///
/// A connection that dies without a word (no RST: a partition, a frozen server) would otherwise
/// look like a quiet database forever, so a heartbeat runs `SELECT 1` on the listening session
/// every `heartbeatInterval` and drops the session when no answer comes within `heartbeatTimeout`:
/// in that case caches are stale for at most about the sum of the two (default 1 s + 5 s).
public struct TwinChangeListener: Service {
    public static let channel = "twin_changed"
    /// `application_name` of the listening session, to find it in `pg_stat_activity`.
    public static let applicationName = "atrium-twin-changes"

    let url: PostgresURL
    let observers: [any TwinChangeObserver]
    let initialBackoff: Duration
    let maximumBackoff: Duration
    let heartbeatInterval: Duration
    let heartbeatTimeout: Duration
    let logger: Logger

    public init(url: PostgresURL, observers: [any TwinChangeObserver], initialBackoff: Duration = .milliseconds(100),
                maximumBackoff: Duration = .seconds(5), heartbeatInterval: Duration = .seconds(1),
                heartbeatTimeout: Duration = .seconds(5), logger: Logger) {
        self.url = url
        self.observers = observers
        self.initialBackoff = initialBackoff
        self.maximumBackoff = max(initialBackoff, maximumBackoff)
        self.heartbeatInterval = heartbeatInterval
        self.heartbeatTimeout = heartbeatTimeout
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
                logger.info("twin change feed listening; asset cache in use")
                publish(.reset(listening: true))
                // Whichever ends first ends the session: the heartbeat finding it dead, or the
                // notification stream finishing or failing. A dead socket does not always finish
                // the stream, so the heartbeat alone must be enough to stop using the cache.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await self.watch(connection) }
                    group.addTask {
                        for try await notification in notifications {
                            self.publish(.changed(tables: [notification.payload]))
                        }
                    }
                    defer { group.cancelAll() }
                    _ = try await group.next()
                }
                // Bypass the caches now, not after UNLISTEN on a dead session has given up.
                publish(.reset(listening: false))
            }
        } catch {
            if !Task.isCancelled { logger.warning("twin change feed interrupted", metadata: ["error": "\(String(reflecting: type(of: error)))"]) }
        }
        try? await connection.close()
        return listening
    }

    /// Until cancelled, checks that the session still answers; closes it when it does not, which
    /// ends the notification sequence with an error and so the session.
    func watch(_ connection: PostgresConnection) async {
        while true {
            do {
                try await Task.sleep(for: heartbeatInterval)
            } catch {
                return
            }
            let answered = await withTaskGroup(of: Bool?.self) { group in
                group.addTask {
                    do {
                        for try await _ in try await connection.query("SELECT 1", logger: logger) {}
                        return true
                    } catch {
                        return false
                    }
                }
                group.addTask {
                    do {
                        try await Task.sleep(for: heartbeatTimeout)
                        return false
                    } catch {
                        return nil     // cancelled: the answer came first, or the session is ending
                    }
                }
                let first = await group.next() ?? nil
                if first != true { try? await connection.close() }   // also unblocks a query stuck on a dead socket
                group.cancelAll()
                return first
            }
            if answered == nil { return }
            if answered == false {
                if !Task.isCancelled { logger.warning("twin change feed: no heartbeat answer, dropping the session") }
                return
            }
        }
    }
}
