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
/// in that case caches are stale for at most about the sum of the two (default 1 s + 5 s). No step
/// of a session waits on PostgresNIO to answer a dead connection (see `PostgresConnection+Liveness`):
/// a session ends, and the caches are told, as soon as the stream fails, the socket closes or a
/// heartbeat goes unanswered.
public struct TwinChangeListener: Service {
    public static let channel = "twin_changed"
    /// `application_name` of the listening session, to find it in `pg_stat_activity`.
    public static let applicationName = "atrium-twin-changes"

    let url: PostgresURL
    let observers: [any TwinChangeObserver]
    /// Also told every `live_events` notice, when set (the same session listens on both channels).
    let live: (any LiveChannelObserver)?
    let initialBackoff: Duration
    let maximumBackoff: Duration
    let heartbeatInterval: Duration
    let heartbeatTimeout: Duration
    let logger: Logger

    public init(url: PostgresURL, observers: [any TwinChangeObserver], live: (any LiveChannelObserver)? = nil,
                initialBackoff: Duration = .milliseconds(100),
                maximumBackoff: Duration = .seconds(5), heartbeatInterval: Duration = .seconds(1),
                heartbeatTimeout: Duration = .seconds(5), logger: Logger) {
        self.url = url
        self.observers = observers
        self.live = live
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
        if case .reset(let listening) = event { live?.liveChannelReset(listening: listening) }
    }

    /// Listens, and after every lost session waits (100 ms doubling to 5 s by default; back to the
    /// start after a session that did listen) and tries again, until cancelled.
    func listenUntilCancelled() async {
        var delay = initialBackoff
        while !Task.isCancelled {
            let listened = await listenOnce()     // has told the observers it stopped listening
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
              try await connection.listen(on: LiveChannelLimits.channel) { liveNotices in
                listening = true
                logger.info("twin change feed listening; asset cache in use")
                publish(.reset(listening: true))
                // Whichever ends first ends the session: the notification stream finishing or
                // failing, the connection closing, or the heartbeat finding it dead. Every child
                // ends promptly once the session is closed or the group cancelled (see
                // PostgresConnection+Liveness), so leaving the group cannot hang on a dead socket.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await notification in notifications {
                            self.publish(.changed(tables: [notification.payload]))
                        }
                    }
                    group.addTask {
                        for try await notice in liveNotices { self.live?.liveNotified(notice.payload) }
                    }
                    group.addTask { await connection.waitUntilClosed() }
                    group.addTask { await self.watch(connection) }
                    defer { group.cancelAll() }
                    _ = try await group.next()
                }
              }
            }
        } catch {
            if !Task.isCancelled { logger.warning("twin change feed interrupted", metadata: ["error": "\(String(reflecting: type(of: error)))"]) }
        }
        // Bypass the caches now, before waiting on anything else of this session.
        publish(.reset(listening: false))
        try? await connection.close()
        return listening
    }

    /// Until cancelled, checks that the session still answers; returns when it does not (closing it
    /// if it is still open), which ends the session and tells the observers.
    func watch(_ connection: PostgresConnection) async {
        while true {
            do {
                try await Task.sleep(for: heartbeatInterval)
            } catch {
                return
            }
            if await connection.answersHeartbeat(within: heartbeatTimeout, logger: logger) { continue }
            if !Task.isCancelled && !connection.isClosed {
                logger.warning("twin change feed: no heartbeat answer, dropping the session")
                try? await connection.close()
            }
            return
        }
    }
}
