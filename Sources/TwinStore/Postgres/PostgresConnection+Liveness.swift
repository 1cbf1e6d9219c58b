import Logging
import PostgresNIO

/// Liveness checks for a long-lived dedicated connection (the change feed's `LISTEN` session) that
/// can never wait forever.
///
/// Why not simply `try await connection.query("SELECT 1")` with a timeout child: PostgresNIO (1.33)
/// writes a query to its channel without a write promise, so a query issued after the channel has
/// closed and its pipeline has been torn down is dropped and its `async` call never returns (and
/// ignores cancellation). A `pg_terminate_backend` landing just before a heartbeat did exactly
/// that, and a task group waiting for the stuck query kept the feed, and the caches trusting it,
/// alive on a dead session. Here the liveness check and the query are issued together on the
/// connection's event loop: while the channel is still active on its own loop its handlers are in
/// place, so the query reaches PostgresNIO's state machine, which always completes it (with an
/// error once the connection is closing). The caller waits on a promise of its own that the answer,
/// the deadline or the caller's cancellation completes, whichever is first (completing a completed
/// promise is a no-op).
extension PostgresConnection {
    /// Whether this session answers `SELECT 1` within `timeout`. Returns `false` at once when the
    /// connection is closed or closes meanwhile, and when the calling task is cancelled.
    func answersHeartbeat(within timeout: Duration, logger: Logger) async -> Bool {
        let loop = eventLoop
        let answer = loop.makePromise(of: Bool.self)
        let deadline = loop.scheduleTask(in: TimeAmount(timeout)) { answer.succeed(false) }
        // No callback on `closeFuture` here: one per heartbeat would pile up for the connection's
        // life. A close fails the query in flight (PostgresNIO fails every queued task then).
        loop.execute {
            guard !self.isClosed else {
                answer.succeed(false)
                return
            }
            self.heartbeatQuery(logger: logger).whenComplete { result in
                switch result {
                case .success: answer.succeed(true)
                case .failure: answer.succeed(false)
                }
            }
        }
        let answered = await withTaskCancellationHandler {
            (try? await answer.futureResult.get()) ?? false
        } onCancel: {
            answer.succeed(false)
        }
        deadline.cancel()
        return answered
    }

    /// Suspends until the connection has closed (for any reason) or the calling task is cancelled.
    func waitUntilClosed() async {
        let closed = eventLoop.makePromise(of: Void.self)
        closeFuture.whenComplete { _ in closed.succeed(()) }
        await withTaskCancellationHandler {
            _ = try? await closed.futureResult.get()
        } onCancel: {
            closed.succeed(())
        }
    }

    /// The future-returning query, named apart so the call above cannot resolve to the `async`
    /// overload. Must be called on the connection's event loop (see the type's comment).
    private func heartbeatQuery(logger: Logger) -> EventLoopFuture<PostgresQueryResult> {
        eventLoop.preconditionInEventLoop()
        return query("SELECT 1", logger: logger)
    }
}
