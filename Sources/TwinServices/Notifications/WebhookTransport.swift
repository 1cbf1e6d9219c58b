/// Sends one webhook POST; the `atrium` executable wires the AsyncHTTPClient one (`WebhookClient`).
public protocol WebhookTransport: Sendable {
    /// The HTTP status, or nil with a reason when no answer came (refused, TLS, timeout).
    func post(url: String, headers: [(String, String)], body: [UInt8]) async -> (status: Int?, error: String?)
}
