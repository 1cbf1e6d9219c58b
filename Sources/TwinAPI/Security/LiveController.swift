import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
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
/// never disconnected for being busy. Close code 1008 (policy violation) ends the connection when
/// the credential stops working.
struct LiveController {
    let auth: AuthService
    let hub: LiveEventHub
    let twin: TwinAPIServices?
    /// Events a connection's hub subscription holds before its forwarder takes them (it only
    /// filters and coalesces, never waits on the socket).
    static let hubBuffer = 4_096

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
            let (subscription, events) = await hub.subscribe(bufferSize: Self.hubBuffer)
            await Self.run(session: session, events: events, snapshots: twin?.liveSnapshots, inbound: inbound, outbound: outbound)
            await hub.unsubscribe(subscription)
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

    /// Reads client messages on this task; a child task moves admitted events into the
    /// connection's ``LiveOutbox`` and another writes the outbox to the socket, numbering frames.
    static func run(session: LiveSession, events: AsyncStream<LiveEvent>, snapshots: LiveSnapshots?, inbound: WebSocketInboundStream,
                    outbound: WebSocketOutboundWriter) async {
        let outbox = LiveOutbox()
        /// Snapshot frames of `subscriptions` as the caller may see them now (none without a source).
        @Sendable func snapshotFrames(_ subscriptions: [LiveSubscription]) async -> [CanonicalJSON] {
            guard let snapshots, let scope = try? await session.currentScope() else { return [] }
            var frames: [CanonicalJSON] = []
            for subscription in subscriptions {
                if let frame = try? await snapshots.snapshot(subscription, scope: scope) { frames.append(frame) }
            }
            return frames
        }
        await withTaskGroup(of: Void.self) { group in
            // An idle connection sees no events and sends nothing, yet a disable or revoke must end it.
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: session.idleRecheckInterval)
                    guard !Task.isCancelled else { return }
                    do {
                        try await session.recheck()
                    } catch {
                        await outbox.close()
                        try? await outbound.close(.policyViolation, reason: "credentials no longer valid")
                        return
                    }
                }
            }
            group.addTask {
                for await event in events {
                    do {
                        if let frame = try await session.deliver(event) { await outbox.push(frame, coalescingKey: event.coalescingKey) }
                    } catch {
                        await outbox.close()
                        try? await outbound.close(.policyViolation, reason: "credentials no longer valid")
                        return
                    }
                }
            }
            // The only writer: frames leave in outbox order, each numbered.
            group.addTask {
                var sequence: Int64 = 0
                func write(_ frame: CanonicalJSON) async throws {
                    sequence += 1
                    guard case .object(var members) = frame else { return }
                    members["seq"] = .int(sequence)
                    try await outbound.write(.text(CanonicalJSON.object(members).text))
                }
                while let batch = await outbox.take() {
                    do {
                        if batch.overflowed {
                            try await write(["resync": true])
                            for frame in await snapshotFrames(Array(await session.subscriptions)) { try await write(frame) }
                        }
                        for frame in batch.frames { try await write(frame) }
                    } catch {
                        return      // the connection is gone
                    }
                    // A client that asked for a rate: what arrives meanwhile is coalesced in the outbox.
                    let interval = await session.interval
                    if interval > .zero { try? await Task.sleep(for: interval) }
                }
            }
            do {
                for try await message in inbound.messages(maxSize: 16 * 1024) {
                    guard case .text(let text) = message else {
                        await outbox.push(["error": ["detail": "Text frames only.", "status": 400]])
                        continue
                    }
                    let (reply, subscribed) = try await session.handle(text)
                    await outbox.push(reply)
                    if let subscribed {
                        for frame in await snapshotFrames([subscribed]) { await outbox.push(frame) }
                    }
                }
            } catch LiveSession.Failure.unauthenticated {
                try? await outbound.close(.policyViolation, reason: "credentials no longer valid")
            } catch {
                // The connection ended; nothing to tell the client.
            }
            await outbox.close()
            group.cancelAll()
        }
    }
}
