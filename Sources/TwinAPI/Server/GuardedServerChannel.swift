import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import TwinServices

/// Wraps the HTTP/WebSocket child channel so every connection starts with a ``ConnectionGuard``
/// and always ends closed.
///
/// The wrapped channel's handling can return without closing the connection (a request head the
/// parser refused before the WebSocket upgrade decision left the socket open with no answer); the
/// guard answers what was left unanswered and closes.
struct GuardedServerChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value

    let inner: Inner
    let limits: HTTPServerLimits
    let connections: ConnectionCounter

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let limits = self.limits
        let connections = self.connections
        let inner = self.inner
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ConnectionGuard(limits: limits, connections: connections), position: .first)
        }.flatMap {
            inner.setup(channel: channel, logger: logger)
        }.flatMapThrowing { value in
            try channel.pipeline.syncOperations.addHandler(ParseErrorCatcher())
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
        try? await value.channel.triggerUserOutboundEvent(ConnectionGuard.Command.finish).get()
    }
}
