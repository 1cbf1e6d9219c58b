import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TwinDomain
@testable import TwinAPI

/// A probe with a fixed answer: the readiness logic under test is the controller's, not a store's.
private struct FixedProbe: HealthProbe {
    let name: String
    let up: Bool
    var delay: Duration = .zero

    func probe(timeout: Duration) async throws {
        try await Self.withTimeout(timeout) {
            try await Task.sleep(for: delay)
            if !up { throw HealthProbeError.unreachable }
        }
    }
}

@Suite("Health, request ids and problem documents")
struct HealthAndProblemTests {
    func app(_ probes: [any HealthProbe]) -> some ApplicationProtocol {
        Application(router: buildRouter(dependencies: APIDependencies(probes: probes, services: [])))
    }

    @Test func liveAnswersWithoutStores() async throws {
        try await app([FixedProbe(name: "postgresql", up: false)]).test(.router) { client in
            try await client.execute(uri: "/health/live", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.xRequestID]?.isEmpty == false)
            }
        }
    }

    @Test func readyNamesTheStoreThatIsDown() async throws {
        let probes: [any HealthProbe] = [FixedProbe(name: "postgresql", up: true), FixedProbe(name: "mongodb", up: false)]
        try await app(probes).test(.router) { client in
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(buffer: response.body))
                #expect(problem.detail == "Unavailable: mongodb.")
                #expect(problem.errors == [.init(field: "mongodb", message: "down")])
                #expect(problem.requestID == response.headers[.xRequestID])
            }
        }
    }

    @Test func readyWhenAllStoresAnswer() async throws {
        let probes: [any HealthProbe] = [FixedProbe(name: "postgresql", up: true), FixedProbe(name: "mongodb", up: true)]
        try await app(probes).test(.router) { client in
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .ok)
                let status = try JSONDecoder().decode([String: AnyCodableValue].self, from: Data(buffer: response.body))
                #expect(status["status"] == .string("ready"))
            }
        }
    }

    @Test func aHungStoreCountsAsDownWithinTheTimeout() async throws {
        let controller = HealthController(
            probes: [FixedProbe(name: "mongodb", up: true, delay: .seconds(3600))], timeout: .milliseconds(200)
        )
        let start = ContinuousClock.now
        let results = await controller.check()
        #expect(results.count == 1 && results[0].up == false)
        // A bound, not a speed test: the hung probe would take an hour. Parallel CPU-heavy suites
        // share the two cooperative threads, so allow generously for waiting on one.
        #expect(ContinuousClock.now - start < .seconds(600))
    }

    /// Finding 8: the caller's id used to become the correlation id; the server's own id is used now.
    @Test func unknownRoutesAreProblemDocumentsWithTheServersRequestID() async throws {
        try await app([]).test(.router) { client in
            try await client.execute(uri: "/nope", method: .get, headers: [.xRequestID: "trace-123"]) { response in
                #expect(response.status == .notFound)
                let id = try #require(response.headers[.xRequestID])
                #expect(id != "trace-123")
                #expect(UUID(uuidString: id) != nil && id == id.lowercased())
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/nope", method: .get, headers: [.xRequestID: "bad id\u{7f}<script>"]) { response in
                #expect(response.headers[.xRequestID] != "bad id\u{7f}<script>")
            }
        }
    }
}

/// Just enough JSON to read one member without defining the response type twice.
enum AnyCodableValue: Decodable, Equatable {
    case string(String)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { self = .string(text) } else { self = .other }
    }
}
