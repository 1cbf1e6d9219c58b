import NIOCore
import NIOWebSocket

/// Placed at the end of a new connection's pipeline, right after the HTTP decoder and the
/// WebSocket upgrade handler: a request head the decoder rejects before the upgrade decision is
/// reported only as an error event, which nothing downstream answers. It asks the connection's
/// ``ConnectionGuard`` to answer 400 and close; later errors pass on to ``HTTPExchangeTracker``.
final class ParseErrorCatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private weak var connectionGuard: ConnectionGuard?

    init() {}

    func handlerAdded(context: ChannelHandlerContext) {
        connectionGuard = try? context.pipeline.syncOperations.handler(type: ConnectionGuard.self)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A refused WebSocket upgrade is reported as an error too; its answer is written upstream.
        if error is NIOWebSocketUpgradeError {
            context.fireErrorCaught(error)
            return
        }
        guard let connectionGuard else {
            context.close(promise: nil)
            return
        }
        connectionGuard.rejectUnparsableRequest()
    }
}
