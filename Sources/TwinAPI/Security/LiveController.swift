import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import ServiceLifecycle
import TwinDomain
import TwinServices

/// `GET /v1/live`: the live-data WebSocket.
///
/// Authentication happens at upgrade (``WebSocketAuthentication``): the access
/// token (or API key) comes in `Authorization: Bearer …` or, for browsers, which
/// cannot set headers on a WebSocket handshake, in the `access_token` query
/// parameter (use TLS; Atrium logs paths only, never query strings). A refused
/// upgrade is answered 401 or 403 as problem+json (through ``ConnectionGuard``);
/// a plain GET gets the same from the HTTP route, or 426 for an authorized caller.
///
/// Protocol (JSON text frames): the client sends `{"subscribe": {…}}` naming a `siteId`,
/// `buildingId` (optionally with `box: [minX, minY, minZ, maxX, maxY, maxZ]` in metres),
/// `floorId` or `spaceId`, optionally narrowed by `quantities` and `assetKinds` (and
/// `unsubscribe` with the same object). The server answers `{"subscribed": …}` then a
/// `{"snapshot": {"topic", "readings", "alarms"}}` (newest value of every point under it, open
/// alarms), or `{"error": {"status", "detail", "topic"}}`; then it forwards `{"event": …}` frames
/// (`reading`, `alarm.*`, `import.*`) that ``LiveSession`` admits. Every server frame carries
/// `seq`, increasing by one per connection. A slow client gets the newest reading of each point
/// (``LiveOutbox``) and, when it fell too far behind, `{"resync": true}` and fresh snapshots: it is
/// never disconnected for being busy. With `{"configure": {"batch": true}}` everything pending at a
/// write leaves as one `{"frames": [...]}` message. Close code 1008 (policy violation) ends the connection when
/// the credential stops working.
struct LiveController {
    let auth: AuthService
    let hub: LiveEventHub
    let twin: TwinAPIServices?
    let streams: LiveStreams
    static let path = "/v1/live"

    /// The HTTP side: declared like every route, so the access table covers it.
    func addRoutes(to routes: SecuredRouter) {
        routes.get(Self.path, requires: .requires(.liveRead)) { _, _ -> Response in
            throw APIError(ProblemDetails(status: .upgradeRequired, detail: "Connect with a WebSocket upgrade."),
                           headers: [.upgrade: "websocket", .connection: "Upgrade"])
        }
    }

    /// The upgrade side, on the router the WebSocket channel consults.
    func addWebSocketRoute(to router: Router<AtriumRequestContext>) {
        let authentication = WebSocketAuthentication(auth: auth)
        let auth = self.auth
        let hub = self.hub
        let twin = self.twin
        let streams = self.streams
        router.ws(RouterPath(Self.path), shouldUpgrade: { request, context in
            switch await authentication.decide(request, context: context) {
            case .accepted:
                return .upgrade([:])
            case .refused(let refusal):
                // The library answers a refused upgrade with an empty 400; the connection's guard
                // swaps in this problem document.
                try? await context.channel.triggerUserOutboundEvent(ConnectionGuard.Command.refuseUpgrade(refusal)).get()
                return .dontUpgrade
            }
        }, onUpgrade: { inbound, outbound, context in
            // The upgrade context is a copy from before shouldUpgrade ran: resolve the caller again (cached).
            let request = context.request
            let auditContext = context.requestContext.auditContext(request)
            guard let credential = WebSocketAuthentication.credential(request),
                  let principal = await authentication.authenticate(request, context: context.requestContext) else {
                try await outbound.close(.policyViolation, reason: "unauthenticated")
                return
            }
            let store = auth.store
            let session = LiveSession(
                principal: principal,
                authenticate: { try await auth.authenticate(bearer: credential, context: auditContext) },
                siteOfBuilding: { try await store.siteID(ofBuilding: $0) },
                placeOf: { topic in try await Self.place(of: topic, twin: twin) })
            await Self.serve(session: session, principal: principal, hub: hub, streams: streams, snapshots: twin?.liveSnapshots,
                             inbound: inbound, outbound: outbound)
        })
    }

    /// (site, building) of a floor or space, looked up unscoped: the session applies the scope.
    static func place(of topic: LiveTopic, twin: TwinAPIServices?) async throws -> (site: UUID, building: UUID?)? {
        guard let query = twin?.query else { return nil }
        let system = Principal.system(name: "live")
        switch topic {
        case .floor(let id): return try await query.floor(id: id, principal: system).map { ($0.siteID, $0.buildingID) }
        case .space(let id): return try await query.space(id: id, principal: system).map { ($0.siteID, $0.buildingID) }
        default: return nil
        }
    }

    /// A connection: its first message may resume a stream this server still holds; otherwise it
    /// starts a stream, forwards admitted events into it for as long as it lives (connected, or
    /// within ``LiveStreams/retention`` after the connection dropped, for a resume), and serves it.
    static func serve(session: LiveSession, principal: Principal, hub: LiveEventHub, streams: LiveStreams, snapshots: LiveSnapshots?,
                      inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        var messages = inbound.messages(maxSize: 16 * 1024).makeAsyncIterator()
        let first: WebSocketMessage?
        do { first = try await messages.next() } catch { return }
        guard let first else { return }
        var pending: WebSocketMessage? = first
        if case .text(let text) = first, let resume = Self.resumeRequest(text) {
            if let stream = await streams.resume(resume.stream, principal: principal) {
                if let frames = await stream.frames(after: resume.after) {
                    for text in frames { try? await outbound.write(.text(text)) }
                } else {
                    stream.outbox.requestResync()
                }
                await connect(stream, snapshots: snapshots, messages: &messages, pending: nil, outbound: outbound)
                await stream.detach()
                return
            }
            pending = nil
        }
        let stream = LiveStream(session: session, owner: principal)
        streams.register(stream)
        if pending == nil {
            stream.outbox.push(["error": ["status": 410,
                                                "detail": "No such stream here any more (expired, another server, or another caller): subscribe again."]])
        }
        // From here the hub routes this client's events straight into its outbox.
        hub.attach(session.route)
        await withTaskGroup(of: Void.self) { group in
            // The scope the hub checks is the session's as of its last check: re-check it on a
            // clock, so a disable or revoke ends the stream (or narrows it) within about a second.
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: session.idleRecheckInterval)
                    guard !Task.isCancelled else { return }
                    do { try await session.recheck() } catch {
                        await stream.end()
                        return
                    }
                }
            }
            await connect(stream, snapshots: snapshots, messages: &messages, pending: pending, outbound: outbound)
            await stream.detach()
            // Kept for a resume while detached, when the client asked for it; a resumed connection
            // detaches it again when it ends.
            let window = min(await session.resumeWindow, streams.retention)
            // Not past a graceful shutdown: a detached stream never holds the server up.
            while window > .zero, !Task.isCancelled, !Task.isShuttingDownGracefully {
                try? await Task.sleep(for: .milliseconds(200))
                if await stream.attached { continue }
                guard let since = await stream.detachedAt, ContinuousClock.now - since < window else { break }
            }
            group.cancelAll()
        }
        hub.detach(session.route)
        streams.remove(stream)
        stream.outbox.close()
    }

    /// Numbered frames as `{"frames":[…]}` messages of at most about ``maximumBatchBytes`` each (a
    /// bigger frame, a large snapshot, goes alone).
    static func batches(_ texts: [String]) -> [String] {
        var messages: [String] = []
        var current = ""
        for text in texts {
            if !current.isEmpty, current.utf8.count + text.utf8.count > Self.maximumBatchBytes {
                messages.append(#"{"frames":["# + current + "]}")
                current = ""
            }
            current += current.isEmpty ? text : "," + text
        }
        if !current.isEmpty { messages.append(#"{"frames":["# + current + "]}") }
        return messages
    }

    static let maximumBatchBytes = 256 * 1024

    static func resumeRequest(_ text: String) -> (stream: UUID, after: Int64)? {
        guard text.utf8.count <= 1024, let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              object.count == 1, let resume = object["resume"] as? [String: Any],
              let id = (resume["stream"] as? String).flatMap(UUID.init(uuidString:)), let after = resume["after"] as? NSNumber,
              after.int64Value >= 0 else { return nil }
        return (id, after.int64Value)
    }

    /// Serves `stream` on one connection: this task reads client messages, a child task writes the
    /// stream's outbox (the only writer), numbering every frame. Returns when the connection ends.
    static func connect(_ stream: LiveStream, snapshots: LiveSnapshots?, messages: inout WebSocketInboundMessageStream.AsyncIterator,
                        pending: WebSocketMessage?, outbound: WebSocketOutboundWriter) async {
        let session = stream.session
        let outbox = stream.outbox
        outbox.clearInterrupt()
        await stream.connected { try? await outbound.close(.policyViolation, reason: "credentials no longer valid") }
        /// Snapshot frames of `subscriptions` as the caller may see them now (none without a source).
        @Sendable func snapshotFrames(_ subscriptions: [LiveSubscription]) async -> [CanonicalJSON] {
            guard let snapshots, let scope = try? await session.currentScope() else { return [] }
            var frames: [CanonicalJSON] = []
            for subscription in subscriptions {
                if let frame = try? await snapshots.snapshot(subscription, scope: scope) { frames.append(frame) }
            }
            return frames
        }
        func handle(_ message: WebSocketMessage) async throws {
            guard case .text(let text) = message else {
                outbox.push(["error": ["detail": "Text frames only.", "status": 400]])
                return
            }
            let (reply, subscribed) = try await session.handle(text)
            if case .object(let members) = reply, members["configured"] != nil {
                await stream.retain(await session.resumeWindow > .zero)
            }
            outbox.push(reply)
            if let subscribed {
                for frame in await snapshotFrames([subscribed]) { outbox.push(frame) }
            }
        }
        await withTaskGroup(of: Void.self) { group in
            // Latency-bound: ahead of bulk work (ingest drains, imports) when the cores are busy.
            group.addTask(priority: .high) {
                while let batch = await outbox.take() {
                    do {
                        var frames = batch.frames
                        if batch.overflowed {
                            let fresh = await snapshotFrames(Array(await session.subscriptions))
                            frames = [.json(["resync": true])] + fresh.map { .json($0) } + frames
                        }
                        let texts = await stream.number(frames)
                        if session.route.batch {
                            for message in Self.batches(texts) { try await outbound.write(.text(message)) }
                        } else {
                            for text in texts { try await outbound.write(.text(text)) }
                        }
                    } catch {
                        return      // the connection is gone
                    }
                    // A client that asked for a rate: what arrives meanwhile is coalesced in the outbox.
                    let interval = session.route.interval
                    if interval > .zero { try? await Task.sleep(for: interval) }
                }
            }
            do {
                if let pending { try await handle(pending) }
                while let message = try await messages.next() { try await handle(message) }
            } catch LiveSession.Failure.unauthenticated {
                await stream.end()
            } catch {
                // The connection ended; nothing to tell the client.
            }
            outbox.interrupt()
            group.cancelAll()
        }
    }
}
