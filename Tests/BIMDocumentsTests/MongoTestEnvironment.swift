import Foundation
@testable import BIMDocuments

/// Locates the test server and gives each suite its own throw-away database.
enum MongoTestEnvironment {
    static let skipMessage = "needs a MongoDB server: set ATRIUM_TEST_MONGODB_URI (tools/test does this)"

    static var uri: String? {
        guard let value = ProcessInfo.processInfo.environment["ATRIUM_TEST_MONGODB_URI"], !value.isEmpty else { return nil }
        return value
    }

    static var isAvailable: Bool { uri != nil }

    /// Runs `body` against a fresh database named `t_<suite>_<random>`, dropped afterwards
    /// (also when `body` throws), and shuts the pool down.
    static func withDatabase(
        _ suite: String, maxPoolSize: Int = 4, _ body: (MongoDatabase) async throws -> Void
    ) async throws {
        guard let uri else { return }
        let pool = try MongoClientPool(
            configuration: MongoConfiguration(uri: uri, appName: "atrium-tests", serverSelectionTimeout: .seconds(5), maxPoolSize: maxPoolSize)
        )
        let database = pool.database("t_\(suite)_\(UInt32.random(in: 0...UInt32.max))")
        do {
            try await body(database)
        } catch {
            try? await database.drop()
            await pool.shutdown()
            throw error
        }
        try await database.drop()
        await pool.shutdown()
    }
}
