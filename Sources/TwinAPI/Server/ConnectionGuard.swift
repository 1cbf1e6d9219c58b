import Foundation
import NIOCore
import TwinServices

/// The first handler of every connection, below HTTP parsing: it enforces ``HTTPServerLimits``
/// (header, body and idle timeouts, connections per address) and guarantees that a connection the
/// HTTP layer gave up on gets an answer and is closed.
///
/// It sees raw bytes, so it works before the request head is parsed (a client that sends nothing,
/// or half a head, is what a slowloris does) and whatever the HTTP layer's state. What it cannot
/// see in bytes (where a request head ends, when a request or response is complete) the
/// ``HTTPExchangeTracker`` above the HTTP codec tells it. Everything runs on the channel's event
/// loop; the handler is not Sendable and is never touched from elsewhere.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    /// Sent through the pipeline (`Channel.triggerUserOutboundEvent`) by code that only has the channel.
    enum Command: Sendable {
        /// The WebSocket route refused an upgrade: the library then writes an empty 400, which
        /// ``HTTPExchangeTracker`` replaces with this response.
        case refuseUpgrade(UpgradeRefusal)
        /// The HTTP layer is done with the connection: answer a request nobody answered, then close.
        case finish
    }

    enum Phase: Equatable {
        /// Waiting for a request; `bytes` says whether part of one has arrived.
        case idle(since: NIODeadline, first: Bool, headStart: NIODeadline?)
        /// Head parsed, body not finished.
        case receivingBody(lastByte: NIODeadline)
        /// Request complete, the application is answering (its own business how long that takes).
        case responding
        /// Switched to another protocol (WebSocket): it has its own liveness checks.
        case upgraded
        case closed
    }

    let limits: HTTPServerLimits
    let connections: ConnectionCounter
    private var phase: Phase
    private var address: String?
    private var holdsSlot = false
    /// Response bytes went out since the current request began, so no error reply may be written.
    private var responseStarted = false
    private var responseHeadChecked = false
    private(set) var pendingRefusal: UpgradeRefusal?
    /// The decoder gave up while an earlier request was still being answered: answer 400 after it.
    private var rejectAfterResponse = false
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(limits: HTTPServerLimits, connections: ConnectionCounter) {
        self.limits = limits
        self.connections = connections
        self.phase = .idle(since: .now(), first: true, headStart: nil)
    }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { activate(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        releaseSlot()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        activate(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        phase = .closed
        timer?.cancel()
        timer = nil
        releaseSlot()
        context.fireChannelInactive()
    }

    private func activate(_ context: ChannelHandlerContext) {
        guard !holdsSlot, phase != .closed else { return }
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        self.address = address
        guard connections.acquire(address, limit: limits.maxConnectionsPerAddress) else {
            phase = .closed
            writeRaw(context, status: 503, title: "Service Unavailable",
                     detail: "Too many open connections from your address; close some and retry.", retryAfter: 1)
            return
        }
        holdsSlot = true
        phase = .idle(since: .now(), first: true, headStart: nil)
        scheduleCheck(context)
    }

    private func releaseSlot() {
        if holdsSlot, let address { connections.release(address) }
        holdsSlot = false
    }

    // MARK: Traffic

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let now = NIODeadline.now()
        switch phase {
        case .idle(let since, let first, nil):
            phase = .idle(since: since, first: first, headStart: now)
        case .receivingBody:
            phase = .receivingBody(lastByte: now)
        default:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // An interim `100 Continue` is not the answer: a stalled body still gets its 408.
        if !responseStarted, case .byteBuffer(let buffer) = unwrapOutboundIn(data),
           buffer.readableBytesView.starts(with: "HTTP/1.1 100 ".utf8) {
            context.write(data, promise: promise)
            return
        }
        if !responseHeadChecked, phase != .upgraded {
            responseHeadChecked = true
            // A switch of protocols is the only response after which HTTP timeouts no longer apply.
            if case .byteBuffer(let buffer) = unwrapOutboundIn(data),
               buffer.readableBytesView.starts(with: "HTTP/1.1 101".utf8) {
                phase = .upgraded
                timer?.cancel()
                timer = nil
            }
        }
        responseStarted = true
        context.write(data, promise: promise)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let command = event as? Command else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch command {
        case .refuseUpgrade(let refusal):
            pendingRefusal = refusal
        case .finish:
            answerOrClose(context)
        }
        promise?.succeed(())
    }

    /// The HTTP decoder gave up on the byte stream: answer 400 unless a response is under way, and close.
    func rejectUnparsableRequest() {
        guard let context else { return }
        answerOrClose(context)
    }

    private func answerOrClose(_ context: ChannelHandlerContext) {
        // Already closing on its own account (a timeout, the cap): that close stands.
        guard phase != .closed else { return }
        if phase == .responding {
            // Pipelined bytes after a good request broke the parser: that request still gets its answer.
            rejectAfterResponse = true
        } else if phase != .upgraded, !responseStarted, requestBegun {
            writeRaw(context, status: 400, title: "Bad Request",
                     detail: "The request could not be parsed as HTTP/1.1.", retryAfter: nil)
        } else {
            closeConnection(context)
        }
    }

    /// Bytes of a request arrived (or its head was parsed) and nothing has answered it yet.
    private var requestBegun: Bool {
        switch phase {
        case .idle(_, _, let headStart): headStart != nil
        case .receivingBody, .responding: true
        case .upgraded, .closed: false
        }
    }

    // MARK: Reports from HTTPExchangeTracker

    func requestHeadReceived() {
        guard phase != .closed, phase != .upgraded else { return }
        phase = .receivingBody(lastByte: .now())
        responseStarted = false
        responseHeadChecked = false
    }

    func requestEnded() {
        if case .receivingBody = phase { phase = .responding }
    }

    func responseEnded() {
        if rejectAfterResponse, let context {
            rejectAfterResponse = false
            writeRaw(context, status: 400, title: "Bad Request",
                     detail: "The request could not be parsed as HTTP/1.1.", retryAfter: nil)
            return
        }
        switch phase {
        case .responding:
            phase = .idle(since: .now(), first: false, headStart: nil)
        case .receivingBody:
            // Answered early (401, 413…): the rest of the body is still drained under the body timeout.
            break
        default:
            break
        }
        responseStarted = false
        responseHeadChecked = false
    }

    /// The refusal recorded for the current upgrade request, consumed once.
    func takeRefusal() -> UpgradeRefusal? {
        defer { pendingRefusal = nil }
        return pendingRefusal
    }

    // MARK: Timeouts

    private var checkInterval: TimeAmount {
        let shortest = min(limits.headerTimeout, limits.idleTimeout, limits.bodyTimeout)
        let quarter = shortest / 4
        return .nanoseconds(Int64(max(0.05, min(1.0, Self.seconds(quarter))) * 1e9))
    }

    private func scheduleCheck(_ context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: checkInterval) { [self] in
            self.timer = nil
            self.check(context)
            if self.phase != .closed, self.phase != .upgraded { self.scheduleCheck(context) }
        }
    }

    private func check(_ context: ChannelHandlerContext) {
        let now = NIODeadline.now()
        func passed(_ start: NIODeadline, _ limit: Duration) -> Bool {
            now - start >= .nanoseconds(Int64(Self.seconds(limit) * 1e9))
        }
        switch phase {
        case .idle(_, _, let headStart?) where passed(headStart, limits.headerTimeout):
            writeRaw(context, status: 408, title: "Request Timeout",
                     detail: "The request head did not arrive within the header timeout.", retryAfter: nil)
        case .idle(let since, true, nil) where passed(since, limits.headerTimeout):
            closeConnection(context)
        case .idle(let since, false, nil) where passed(since, limits.idleTimeout):
            closeConnection(context)
        case .receivingBody(let lastByte) where passed(lastByte, limits.bodyTimeout):
            if responseStarted {
                closeConnection(context)
            } else {
                writeRaw(context, status: 408, title: "Request Timeout",
                         detail: "The request body stalled longer than the body timeout.", retryAfter: nil)
            }
        default:
            break
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Closes the connection as a client hang-up would look to the handlers above: the WebSocket
    /// upgrade handler, still waiting for a first request, then ends quietly instead of logging
    /// its pipeline's teardown as an error.
    private func closeConnection(_ context: ChannelHandlerContext) {
        phase = .closed
        timer?.cancel()
        timer = nil
        context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        context.close(promise: nil)
    }

    // MARK: Raw answers

    /// Writes a complete problem response below the HTTP codec (whose state may be broken) and closes.
    private func writeRaw(_ context: ChannelHandlerContext, status: Int, title: String, detail: String, retryAfter: Int?) {
        phase = .closed
        timer?.cancel()
        timer = nil
        let body = #"{"detail":"\#(detail)","status":\#(status),"title":"\#(title)","type":"about:blank"}"#
        var head = "HTTP/1.1 \(status) \(title)\r\nContent-Type: application/problem+json\r\nCache-Control: no-store\r\n"
        if let retryAfter { head += "Retry-After: \(retryAfter)\r\n" }
        head += "Connection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        let buffer = context.channel.allocator.buffer(string: head + body)
        responseStarted = true
        context.writeAndFlush(wrapOutboundOut(.byteBuffer(buffer))).assumeIsolated().whenComplete { [self] _ in
            self.closeConnection(context)
        }
    }
}
