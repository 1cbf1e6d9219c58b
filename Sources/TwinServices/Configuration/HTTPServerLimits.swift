import Foundation

/// Per-connection limits of the HTTP server: how long a client may take to send a request head,
/// to keep sending a body, or to sit idle between requests, and how many connections one address
/// may hold open.
///
/// Without them a client that opens a connection and sends nothing, or sends one header byte every
/// few seconds (slowloris), holds a file descriptor forever; a few thousand such clients exhaust the
/// server. The defaults are generous for real clients on slow links.
public struct HTTPServerLimits: Sendable, Equatable {
    /// From the connection's start, or the first byte of a later request, to the end of its head.
    public var headerTimeout: Duration
    /// Between the end of a response and the first byte of the next request on a kept-alive connection.
    public var idleTimeout: Duration
    /// Longest silence while a request body is being received.
    public var bodyTimeout: Duration
    /// Concurrent connections per peer address (behind a proxy, the proxy's address: raise it there).
    public var maxConnectionsPerAddress: Int

    public init(headerTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(30), bodyTimeout: Duration = .seconds(30),
                maxConnectionsPerAddress: Int = 256) {
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.maxConnectionsPerAddress = maxConnectionsPerAddress
    }
}
