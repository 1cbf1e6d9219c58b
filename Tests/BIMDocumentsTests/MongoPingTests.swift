import Testing
@testable import BIMDocuments

@Suite("Readiness ping")
struct MongoPingTests {
    @Test("ping against a closed port fails fast with a server-selection error")
    func closedPortFailsFast() async throws {
        // Port 9 (discard) is closed on any sane test machine; no server is needed.
        let pool = try MongoClientPool(configuration: MongoConfiguration(uri: "mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=900000"))
        let started = ContinuousClock.now
        await #expect(throws: BIMDocumentError.serverSelection) { try await pool.ping(timeout: .seconds(1)) }
        let elapsed = ContinuousClock.now - started
        print("ping against a closed port failed after \(elapsed)")
        // A bound, not a speed test: without the probe's own short timeouts libmongoc would wait
        // the URI's 15 minutes. Swift Testing runs CPU-heavy suites on the same two cooperative
        // threads, so the wall time here includes waiting for a thread (54 s was seen on CI).
        #expect(elapsed < .seconds(600), "took \(elapsed)")
        await pool.shutdown()
    }

    @Test("an invalid URI is a connection error, not a crash")
    func invalidURI() {
        #expect(throws: BIMDocumentError.connection) { try MongoClientPool(configuration: MongoConfiguration(uri: "postgres://nope")) }
    }

    @Test("operations after shutdown fail with .shutdown")
    func afterShutdown() async throws {
        let pool = try MongoClientPool(configuration: MongoConfiguration(uri: "mongodb://127.0.0.1:9/"))
        await pool.shutdown()
        await pool.shutdown()
        await #expect(throws: BIMDocumentError.shutdown) { try await pool.database("x").collection("y").countDocuments() }
    }

    @Test("ping succeeds against the test server", .enabled(if: MongoTestEnvironment.isAvailable, "\(MongoTestEnvironment.skipMessage)"))
    func livePing() async throws {
        let pool = try MongoClientPool(configuration: MongoConfiguration(uri: try #require(MongoTestEnvironment.uri)))
        let started = ContinuousClock.now
        try await pool.ping(timeout: .seconds(2))
        print("ping against the test server answered after \(ContinuousClock.now - started)")
        await pool.shutdown()
    }
}
