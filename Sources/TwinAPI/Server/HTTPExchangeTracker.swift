import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Sits just above the HTTP codec: tells ``ConnectionGuard`` where requests and responses begin
/// and end and which requests the codec rejected, and turns the WebSocket library's empty 400 for
/// a refused upgrade into the refusal the route recorded. It also answers `Expect: 100-continue`
/// (RFC 9110 §10.1.1), which Hummingbird leaves unanswered: curl and many gateway HTTP clients send
/// it with every body over 1 MiB and then wait a full second before sending the body anyway.
final class HTTPExchangeTracker: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private weak var connectionGuard: ConnectionGuard?
    private var replacing: UpgradeRefusal?
    /// The request just read asked `Expect: 100-continue` and has not had its interim answer yet.
    private var continueOwed = false

    init() {}

    func handlerAdded(context: ChannelHandlerContext) {
        connectionGuard = try? context.pipeline.syncOperations.handler(type: ConnectionGuard.self)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            connectionGuard?.requestHeadReceived()
            continueOwed = Self.expectsContinue(head)
        case .body:
            continueOwed = false  // the client did not wait for it
        case .end:
            continueOwed = false
            connectionGuard?.requestEnded()
        }
        context.fireChannelRead(data)
    }

    /// Written once the decoder has passed on all it read, so a client that sent its body without
    /// waiting (it may) is not told to continue after the fact.
    func channelReadComplete(context: ChannelHandlerContext) {
        if continueOwed {
            continueOwed = false
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        }
        context.fireChannelReadComplete()
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

    /// The one expectation HTTP defines; the interim answer goes out at once, since what the route
    /// refuses (authentication, declared size) it still refuses after the body, which it then drains.
    static func expectsContinue(_ head: HTTPRequest) -> Bool {
        head.headerFields[.upgrade] == nil && head.headerFields[values: .expect].contains { $0.lowercased() == "100-continue" }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let connectionGuard else {
            context.close(promise: nil)
            return
        }
        connectionGuard.rejectUnparsableRequest()
    }
}
