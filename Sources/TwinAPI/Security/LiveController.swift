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
/// Protocol (JSON text frames): the client sends `{"subscribe": {"siteId": …}}`
/// or `{"subscribe": {"buildingId": …}}` (and `unsubscribe`), the server answers
/// `{"subscribed": …}` or `{"error": {"status", "detail", "topic"}}` and then
/// forwards `{"event": …}` frames that ``LiveSession`` admits. Close code 1008
/// (policy violation) ends the connection when the credential stops working.
struct LiveController {
    let auth: AuthService
    let hub: LiveEventHub

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
                siteOfBuilding: { try await store.siteID(ofBuilding: $0) })
            let (subscription, events) = await hub.subscribe()
            await Self.run(session: session, events: events, inbound: inbound, outbound: outbound)
            await hub.unsubscribe(subscription)
        })
    }

    /// Reads client messages on this task and forwards admitted events from a child task.
    static func run(session: LiveSession, events: AsyncStream<LiveEvent>, inbound: WebSocketInboundStream,
                    outbound: WebSocketOutboundWriter) async {
        await withTaskGroup(of: Void.self) { group in
            // An idle connection sees no events and sends nothing, yet a disable or revoke must end it.
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: session.idleRecheckInterval)
                    guard !Task.isCancelled else { return }
                    do {
                        try await session.recheck()
                    } catch {
                        try? await outbound.close(.policyViolation, reason: "credentials no longer valid")
                        return
                    }
                }
            }
            group.addTask {
                for await event in events {
                    do {
                        if let frame = try await session.deliver(event) { try await outbound.write(.text(frame.text)) }
                    } catch {
                        try? await outbound.close(.policyViolation, reason: "credentials no longer valid")
                        return
                    }
                }
            }
            do {
                for try await message in inbound.messages(maxSize: 16 * 1024) {
                    guard case .text(let text) = message else {
                        try await outbound.write(.text(#"{"error":{"detail":"Text frames only.","status":400}}"#))
                        continue
                    }
                    try await outbound.write(.text(try await session.receive(text).text))
                }
            } catch LiveSession.Failure.unauthenticated {
                try? await outbound.close(.policyViolation, reason: "credentials no longer valid")
            } catch {
                // The connection ended; nothing to tell the client.
            }
            group.cancelAll()
        }
    }
}
