import Foundation
import Synchronization
import TwinDomain

/// The in-process fan-out of live events: services publish, and each event goes straight into the
/// outbox of every connection (``LiveRoute``) whose subscriptions take it and whose caller may see it.
///
/// Routing is by index, not by asking every connection about every event: readings (events with a
/// `coalescingKey`, the point) remember which routes their point matched, so a reading costs a
/// dictionary lookup plus one append per interested connection, however many connections there are;
/// a route that changes its subscriptions updates those entries. Other events (alarms, imports,
/// asset changes: rare) are matched against every route. The scope is checked per delivery against
/// the caller's scope as its session last checked it. An event is encoded once, whoever receives it.
/// Outboxes are bounded (``LiveOutbox``): a slow client costs the points it watches, never a backlog.
public final class LiveEventHub: Sendable {
    /// Points whose routes are remembered; past it the memory starts afresh (a campus has far fewer).
    static let maximumRememberedPoints = 200_000

    private struct Remembered {
        /// The event the routes were matched for: a point that moved is matched again.
        var place: LiveEvent
        var routes: [LiveRoute]
    }

    private struct State {
        var routes: [UUID: LiveRoute] = [:]
        var byPoint: [UUID: Remembered] = [:]
        /// The remembered points each route is listed under, so leaving costs what it watches.
        var pointsOfRoute: [UUID: Set<UUID>] = [:]

        /// Lists `route` under every remembered point it matches (and no other).
        /// Walks a copy of the keys: mutating through a live view of the dictionary would copy all of it per step.
        mutating func match(_ route: LiveRoute) {
            var listed = pointsOfRoute[route.id] ?? []
            for key in Array(byPoint.keys) {
                guard let place = byPoint[key]?.place else { continue }
                let matches = route.matches(place)
                if matches, !listed.contains(key) {
                    byPoint[key]?.routes.append(route)
                    listed.insert(key)
                } else if !matches, listed.contains(key) {
                    byPoint[key]?.routes.removeAll { $0 === route }
                    listed.remove(key)
                }
            }
            pointsOfRoute[route.id] = listed
        }

        mutating func unlist(_ route: LiveRoute) {
            for key in pointsOfRoute.removeValue(forKey: route.id) ?? [] {
                byPoint[key]?.routes.removeAll { $0 === route }
            }
        }

        mutating func remember(_ key: UUID, _ event: LiveEvent) -> [LiveRoute] {
            if let old = byPoint.removeValue(forKey: key) {
                for route in old.routes { pointsOfRoute[route.id]?.remove(key) }
            }
            if byPoint.count >= LiveEventHub.maximumRememberedPoints {
                byPoint.removeAll()
                for id in Array(pointsOfRoute.keys) { pointsOfRoute[id] = [] }
            }
            let routes = self.routes.values.filter { $0.matches(event) }
            byPoint[key] = Remembered(place: event, routes: routes)
            for route in routes { pointsOfRoute[route.id, default: []].insert(key) }
            return routes
        }
    }

    private let state = Mutex<State>(State())

    public init() {}

    public func attach(_ route: LiveRoute) {
        route.attached(to: self)
        state.withLock { state in
            state.routes[route.id] = route
            state.match(route)
        }
    }

    public func detach(_ route: LiveRoute) {
        route.attached(to: nil)
        state.withLock { state in
            guard state.routes.removeValue(forKey: route.id) != nil else { return }
            state.unlist(route)
        }
    }

    /// `route` changed its subscriptions: match the remembered points again for it.
    func refresh(_ route: LiveRoute) {
        state.withLock { state in
            guard state.routes[route.id] != nil else { return }
            state.match(route)
        }
    }

    /// Hands the event to every connection that subscribed to it and may see it; never waits.
    public func publish(_ event: LiveEvent) {
        let targets = state.withLock { state -> [LiveRoute] in
            guard !state.routes.isEmpty else { return [] }
            guard let key = event.coalescingKey else { return state.routes.values.filter { $0.matches(event) } }
            if let remembered = state.byPoint[key], remembered.place.samePlace(as: event) { return remembered.routes }
            return state.remember(key, event)
        }
        guard !targets.isEmpty else { return }
        var frame: LiveFrame?
        for route in targets where route.admits(event) {
            let encoded = frame ?? LiveFrame.encoded(event.frame.text)
            frame = encoded
            route.outbox.push(encoded, coalescingKey: event.coalescingKey, time: event.timeMicros)
        }
    }

    public var subscriberCount: Int { state.withLock { $0.routes.count } }
}
