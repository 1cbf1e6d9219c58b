import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// POSTs signed webhook bodies over HTTP(S) with AsyncHTTPClient: one long-lived client (its
/// connection pool) for the process, shut down by ``shutdown()``. Knows nothing of Atrium: a URL,
/// headers and bytes in, a status code out.
public final class WebhookClient: Sendable {
    /// What a delivery attempt came to.
    public enum Outcome: Sendable, Equatable {
        case status(Int)
        /// No answer: connection refused, TLS failure, timeout.
        case failed(String)
    }

    let client: HTTPClient
    let timeout: TimeAmount

    public init(timeout: Duration = .seconds(10)) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow     // a webhook answers where it was configured
        configuration.timeout = .init(connect: .seconds(5))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeout = .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
    }

    public func post(url: String, headers: [(String, String)], body: [UInt8]) async -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: timeout)
            // Drain (bounded) so the connection can be reused; the body itself is not needed.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return .status(Int(response.status.code))
        } catch {
            return .failed(String(describing: type(of: error)))
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }
}
