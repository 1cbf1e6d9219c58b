import Foundation
import Logging
import PostgresNIO
import Testing
@testable import TwinStore

/// The change feed's liveness checks against a real server. What they guard against: PostgresNIO
/// (1.33) drops a query written after its channel has closed, and the `async` call never returns,
/// so a heartbeat landing just after `pg_terminate_backend` used to hang the feed for good while
/// caches kept trusting it.
@Suite("PostgresConnection liveness checks (integration)",
       .enabled(if: TestDatabase.available, "\(TestDatabase.skipMessage)"))
struct PostgresConnectionLivenessTests {
    static let logger = Logger(label: "liveness-test")
    /// Far longer than any answer takes: a check returning before it proves it did not wait for it.
    static let deadline: Duration = .seconds(60)

    /// Runs `body` with a dedicated session and closes it whatever happens (PostgresNIO asserts
    /// that a connection is closed before it is released).
    static func withConnection<T>(_ applicationName: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let url = try #require(TestDatabase.serverURL)
        let connection = try await PostgresConnection.connect(
            configuration: try url.connectionConfiguration(applicationName: applicationName), id: 1, logger: logger)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(connection))
        } catch {
            result = .failure(error)
        }
        try? await connection.close()
        return try result.get()
    }

    static func terminate(_ applicationName: String) async throws -> Int {
        try await withConnection("liveness-killer") { killer in
            var count = 0
            let rows = try await killer.query(
                "SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE application_name = \(applicationName)",
                logger: logger)
            for try await value in rows.decode(Int.self) { count = value }
            return count
        }
    }

    @Test("a live session answers, a terminated one does not, and its close is seen")
    func terminatedSession() async throws {
        let name = "liveness-\(UUID().uuidString.prefix(8))"
        try await Self.withConnection(name) { connection in
            #expect(await connection.answersHeartbeat(within: Self.deadline, logger: Self.logger))

            let terminated = try await Self.terminate(name)
            #expect(terminated == 1)
            let start = ContinuousClock.now
            await connection.waitUntilClosed()
            #expect(connection.isClosed)
            #expect(await connection.answersHeartbeat(within: Self.deadline, logger: Self.logger) == false)
            #expect(ContinuousClock.now - start < .seconds(20), "the check must answer from the closed session, not its deadline")
        }
    }

    @Test("checking a session closed long ago returns at once instead of waiting on a dropped query")
    func closedSession() async throws {
        try await Self.withConnection("liveness-closed") { connection in
            try await connection.close()
            // Let NIO tear the pipeline down: from then on a plain query on it is never answered.
            try await Task.sleep(for: .milliseconds(200))
            for _ in 0..<50 {
                let start = ContinuousClock.now
                #expect(await connection.answersHeartbeat(within: Self.deadline, logger: Self.logger) == false)
                #expect(ContinuousClock.now - start < .seconds(20))
            }
        }
    }

    @Test("a heartbeat that cannot be answered in time reports the session dead")
    func unansweredInTime() async throws {
        try await Self.withConnection("liveness-slow") { connection in
            // A session busy with a long statement cannot answer the heartbeat until it is done.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await connection.query("SELECT pg_sleep(4)", logger: Self.logger).collect() }
                // Long enough for the statement to be running even on a loaded 2-core machine
                // (200 ms was not, once, in a full-suite run: the heartbeat went first).
                try await Task.sleep(for: .seconds(1))
                #expect(await connection.answersHeartbeat(within: .milliseconds(300), logger: Self.logger) == false)
                try await group.waitForAll()
            }
            #expect(await connection.answersHeartbeat(within: Self.deadline, logger: Self.logger))
        }
    }

    @Test("waiting for the close ends when the waiting task is cancelled")
    func cancelledWait() async throws {
        try await Self.withConnection("liveness-cancel") { connection in
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await connection.waitUntilClosed() }
                try? await Task.sleep(for: .milliseconds(50))
                group.cancelAll()
                await group.waitForAll()
            }
            #expect(!connection.isClosed)
            #expect(await connection.answersHeartbeat(within: Self.deadline, logger: Self.logger))
        }
    }
}
