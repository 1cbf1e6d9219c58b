import Foundation
import Synchronization
import TwinDomain

/// One live connection as the hub sees it: what it subscribed to, the scope its caller holds as of
/// the last check, and the outbox its frames go to.
///
/// The session (an actor, which talks to the client) writes these; the hub reads them for every
/// event without a hop onto the session's executor. Changing the subscriptions tells the hub, so its
/// per-point routing stays exact.
public final class LiveRoute: Sendable {
    public let id = UUID()
    public let outbox = LiveOutbox()

    private struct Filter {
        var subscriptions: [LiveSubscription] = []
        /// Nil until the session has checked the caller: nothing is admitted before.
        var scope: AccessScope?
    }

    private let filter = Mutex<Filter>(Filter())
    /// How the connection writes (set by `configure`), read by its writer for every batch.
    private let delivery = Mutex<(interval: Duration, batch: Bool)>((.zero, false))
    /// The hub routing to it, set while attached.
    private let hub = Mutex<LiveEventHub?>(nil)

    public init() {}

    /// Whether any subscription takes `event` (topic, quantities, asset kinds).
    func matches(_ event: LiveEvent) -> Bool {
        filter.withLock { filter in filter.subscriptions.contains { $0.matches(event) } }
    }

    /// Whether the caller, as last checked, may see `event`.
    func admits(_ event: LiveEvent) -> Bool {
        filter.withLock { filter in
            guard let scope = filter.scope else { return false }
            return scope.contains(siteID: event.siteID, buildingID: event.buildingID)
        }
    }

    public func update(subscriptions: some Sequence<LiveSubscription>) {
        let list = Array(subscriptions)
        filter.withLock { $0.subscriptions = list }
        hub.withLock { $0 }?.refresh(self)
    }

    public func update(scope: AccessScope) {
        filter.withLock { $0.scope = scope }
    }

    public var interval: Duration { delivery.withLock { $0.interval } }
    public var batch: Bool { delivery.withLock { $0.batch } }

    func update(interval: Duration, batch: Bool) {
        delivery.withLock { $0 = (interval, batch) }
    }

    func attached(to hub: LiveEventHub?) {
        self.hub.withLock { $0 = hub }
    }
}
