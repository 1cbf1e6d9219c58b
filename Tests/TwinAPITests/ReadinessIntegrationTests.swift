import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import BIMDocuments
import Logging
import PostgresNIO
import TestSupport
import Testing
import TwinDomain
import TwinStore
@testable import TwinAPI

@Suite(
    "Readiness against real stores",
    .enabled(
        if: ProcessInfo.processInfo.environment["ATRIUM_TEST_DATABASE_URL"] != nil,
        "needs PostgreSQL: run tools/test (it starts one and sets ATRIUM_TEST_DATABASE_URL)"
    )
)
struct ReadinessIntegrationTests {
    let logger = Logger(label: "test")

    func database(_ url: PostgresURL) -> PostGISDatabase {
        PostGISDatabase(url: url, maximumConnections: 2, logger: logger)
    }

    @Test func readyWithARealDatabaseAndNotReadyWithAStoppedOne() async throws {
        let live = try PostgresURL(ProcessInfo.processInfo.environment["ATRIUM_TEST_DATABASE_URL"]!)
        // Nothing listens on a port we just bound and released: a stopped database.
        var stopped = live
        stopped.port = LoopbackPort.free()
        let up = database(live)
        let down = database(stopped)
        try await up.whileRunning {
            try await down.whileRunning {
                // Open the pool's first connection before probing: under the whole suite on 2 cores the
                // handshake alone can outlast the 2 s probe timeout, which is the probe working, not failing.
                _ = try await up.client.query("SELECT 1")
                let app = Application(router: buildRouter(dependencies: .init(probes: [up], services: [])))
                try await app.test(.router) { client in
                    var status = HTTPResponse.Status.serviceUnavailable
                    for _ in 0..<5 where status != .ok {
                        status = try await client.execute(uri: "/health/ready", method: .get) { $0.status }
                    }
                    #expect(status == .ok)
                }
                let broken = Application(router: buildRouter(dependencies: .init(probes: [up, down], services: [])))
                let start = ContinuousClock.now
                try await broken.test(.router) { client in
                    try await client.execute(uri: "/health/ready", method: .get) { response in
                        #expect(response.status == .serviceUnavailable)
                        let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(buffer: response.body))
                        #expect(problem.errors?.map(\.field) == ["postgresql"])
                    }
                }
                // Bound only (a hung probe would never answer); parallel suites can delay the resumption.
                #expect(ContinuousClock.now - start < .seconds(300))
            }
        }
    }


    @Test(.enabled(if: ProcessInfo.processInfo.environment["ATRIUM_TEST_MONGODB_URI"] != nil, "needs the document server: run tools/test"))
    func readyNamesTheDocumentStoreWhenItIsDown() async throws {
        let liveURI = ProcessInfo.processInfo.environment["ATRIUM_TEST_MONGODB_URI"]!
        let live = try MongoClientPool(configuration: .init(uri: liveURI), logger: logger)
        let dead = try MongoClientPool(
            configuration: .init(uri: "mongodb://127.0.0.1:\(LoopbackPort.free())"), logger: logger
        )
        let liveStore = BIMDocumentStore(database: live.database("atrium_probe"))
        let deadStore = BIMDocumentStore(database: dead.database("atrium_probe"))
        let app = Application(router: buildRouter(dependencies: .init(probes: [liveStore], services: [])))
        try await app.test(.router) { client in
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        let broken = Application(router: buildRouter(dependencies: .init(probes: [liveStore, deadStore], services: [])))
        try await broken.test(.router) { client in
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(buffer: response.body))
                #expect(problem.errors?.map(\.field) == ["mongodb"])
            }
        }
        await live.shutdown()
        await dead.shutdown()
    }
}
