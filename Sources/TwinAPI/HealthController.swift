import Foundation
import HTTPTypes
import Hummingbird
import TwinDomain

/// `/health/live` and `/health/ready` for orchestrators and `tools/demo`.
///
/// Liveness only says the process answers. Readiness asks every store for a round trip, in
/// parallel and with a short timeout, and names each one that is down so an operator knows
/// where to look.
public struct HealthController: Sendable {
    public let probes: [any HealthProbe]
    public let timeout: Duration

    public init(probes: [any HealthProbe], timeout: Duration = .seconds(2)) {
        self.probes = probes
        self.timeout = timeout
    }

    public struct Status: ResponseEncodable, Sendable, Equatable {
        public var status: String
        public var checks: [String: String]
        /// Per-dependency figures (`spool`: backlog records and bytes), when a probe has some.
        public var details: [String: [String: Int64]]?
    }

    public func addRoutes(to group: RouterGroup<AtriumRequestContext>) {
        group.get("live") { _, _ in
            Status(status: "live", checks: [:], details: nil)
        }
        group.get("ready") { request, context in
            try await ready(request: request, context: context)
        }
    }

    func ready(request: Request, context: AtriumRequestContext) async throws -> Response {
        let results = await check()
        let down = Set(results.filter { !$0.up }.map(\.name)).sorted()
        // Two probes may share a name (e.g. a primary and a replica); the store is down if any is.
        let checks = Dictionary(results.map { ($0.name, $0.up ? "up" : "down") }) { first, second in
            first == "down" || second == "down" ? "down" : "up"
        }
        var details: [String: [String: Int64]] = [:]
        for probe in probes { if let figures = probe.details() { details[probe.name] = figures } }
        if down.isEmpty {
            return try Status(status: "ready", checks: checks, details: details.isEmpty ? nil : details)
                .response(from: request, context: context)
        }
        for name in down {
            context.logger.warning("readiness check failed", metadata: ["store": "\(name)"])
        }
        let problem = ProblemDetails(
            status: .serviceUnavailable,
            type: "https://atrium.dev/problems/not-ready",
            title: "Not ready",
            detail: "Unavailable: \(down.joined(separator: ", ")).",
            instance: request.uri.path,
            errors: down.map { .init(field: $0, message: "down") }
        )
        return problem.response(requestID: context.requestID, extraHeaders: [.retryAfter: "5"])
    }

    func check() async -> [(name: String, up: Bool)] {
        await withTaskGroup(of: (String, Bool).self) { group in
            for probe in probes {
                let timeout = self.timeout
                group.addTask {
                    do {
                        try await probe.probe(timeout: timeout)
                        return (probe.name, true)
                    } catch {
                        return (probe.name, false)
                    }
                }
            }
            var results: [(name: String, up: Bool)] = []
            for await result in group { results.append(result) }
            return results
        }
    }
}
