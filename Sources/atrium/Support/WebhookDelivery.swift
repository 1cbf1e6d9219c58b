import ServiceLifecycle
import TwinServices
import WebhookClient

/// The AsyncHTTPClient-backed transport of alarm webhooks, and the service that closes its
/// connection pool when the server stops (after the dispatcher, which stops first).
struct WebhookDelivery: WebhookTransport, Service {
    let client: WebhookClient

    func post(url: String, headers: [(String, String)], body: [UInt8]) async -> (status: Int?, error: String?) {
        switch await client.post(url: url, headers: headers, body: body) {
        case .status(let status): (status, nil)
        case .failed(let reason): (nil, reason)
        }
    }

    func run() async throws {
        try? await gracefulShutdown()
        await client.shutdown()
    }
}
