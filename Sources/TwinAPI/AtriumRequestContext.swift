import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import TwinDomain

/// The typed context every Atrium route receives.
///
/// It carries what the common path learns about a request before any handler runs
/// (request id, remote address), so handlers and the audit log never re-derive them.
public struct AtriumRequestContext: RequestContext, RemoteAddressRequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Client-visible id, echoed in `X-Request-ID` and in every log line and problem document.
    public var requestID: String
    /// The caller's own `X-Request-ID`, when acceptable; recorded, never used for correlation.
    public var clientRequestID: String?
    public let remoteAddress: SocketAddress?
    /// The client's address: the peer's, or what a trusted proxy forwarded (`ClientAddressMiddleware`).
    public var clientAddress: String?
    /// The connection, for telling its ``ConnectionGuard`` what the HTTP layer cannot (a refused upgrade).
    let channel: any Channel
    /// Set by `AccessGuard` before a non-public handler runs.
    public var principal: Principal?
    /// Where the WebSocket router leaves the handler of an accepted upgrade (`/v1/live`).
    public let webSocket: WebSocketHandlerReference<AtriumRequestContext>

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = ""
        self.clientRequestID = nil
        self.remoteAddress = source.channel.remoteAddress
        self.clientAddress = source.channel.remoteAddress?.ipAddress
        self.channel = source.channel
        self.principal = nil
        self.webSocket = .init()
    }

    /// Request bodies decoded as JSON are small; uploads stream and have their own limit.
    public var maxUploadSize: Int { 1 << 20 }
}
