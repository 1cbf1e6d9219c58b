import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Sits just above the HTTP codec: tells ``ConnectionGuard`` where requests and responses begin
/// and end and which requests the codec rejected, and turns the WebSocket library's empty 400 for
/// a refused upgrade into the refusal the route recorded.
final class HTTPExchangeTracker: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private weak var connectionGuard: ConnectionGuard?
    private var replacing: UpgradeRefusal?

    init() {}

    func handlerAdded(context: ChannelHandlerContext) {
        connectionGuard = try? context.pipeline.syncOperations.handler(type: ConnectionGuard.self)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: connectionGuard?.requestHeadReceived()
        case .body: break
        case .end: connectionGuard?.requestEnded()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.status == .badRequest, head.headerFields[.connection] == "close",
               head.headerFields[.contentLength] == "0", let refusal = connectionGuard?.takeRefusal() {
                replacing = refusal
                var fields: HTTPFields = [.contentType: ProblemDetails.mediaType, .cacheControl: "no-store", .connection: "close",
                                          .contentLength: String(refusal.problemJSON.count)]
                if let challenge = refusal.wwwAuthenticate { fields[.wwwAuthenticate] = challenge }
                context.write(wrapOutboundOut(.head(HTTPResponse(status: .init(code: refusal.status), headerFields: fields))),
                              promise: promise)
                return
            }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            if let refusal = replacing {
                replacing = nil
                context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: refusal.problemJSON))), promise: nil)
            }
            context.write(data, promise: promise)
            // After the write: an error answer the guard owes must follow this response's bytes.
            connectionGuard?.responseEnded()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let connectionGuard else {
            context.close(promise: nil)
            return
        }
        connectionGuard.rejectUnparsableRequest()
    }
}
