import Foundation
import TwinDomain

/// One live client's subscriptions and the rules for what it may receive.
///
/// - A subscription is accepted only if the topic lies inside the caller's
///   `live.read` scope; a building is located (building → site) through the
///   store so a site grant covers its buildings. Unknown and out-of-scope
///   topics get the same error frame, so ids cannot be probed.
/// - Every event is checked again at delivery (by the hub, through ``route``)
///   against the topic *and* the caller's scope as of the last check: the
///   principal is re-resolved through `authenticate` (cheap: `PrincipalCache`)
///   every `recheckInterval` by the connection's clock, so a disabled user, a
///   revoked grant or an expired token ends the stream
///   (``Failure/unauthenticated``) instead of leaking further events.
public actor LiveSession {
    public enum Failure: Error, Sendable, Equatable {
        /// The credential no longer authenticates or lost `live.read`: close the connection.
        case unauthenticated
    }

    public static let maximumTopics = 64

    let authenticate: @Sendable () async throws -> Principal
    let siteOfBuilding: @Sendable (UUID) async throws -> UUID?
    /// (site, building) of a floor or space, nil when there is none.
    let placeOf: @Sendable (LiveTopic) async throws -> (site: UUID, building: UUID?)?
    let recheckInterval: TimeInterval
    /// Where the hub finds this client's subscriptions and scope, and its outbox.
    public nonisolated let route: LiveRoute
    private var principal: Principal {
        didSet { route.update(scope: principal.scope(for: .liveRead)) }
    }
    private var checkedAt: Date
    public private(set) var subscriptions: Set<LiveSubscription> = [] {
        didSet { route.update(subscriptions: subscriptions) }
    }
    /// At most one batch of frames per interval (0: as they come): `{"configure": {"intervalMs": n}}`.
    /// Readings between two batches are coalesced to the newest per point.
    public private(set) var interval: Duration = .zero
    public static let maximumIntervalMilliseconds = 60_000
    /// How long the stream is kept after its connection drops, for a resume (0: not kept):
    /// `{"configure": {"resumeSeconds": n}}`.
    public private(set) var resumeWindow: Duration = .zero
    public static let maximumResumeSeconds = 300
    /// Whether frames leave in batches (`{"frames": [...]}`, one WebSocket message for everything
    /// pending): `{"configure": {"batch": true}}`. Nothing waits for a batch to fill; it only saves a
    /// client that watches many points a message (and the server a write) per frame.
    public private(set) var batch = false

    public var topics: Set<LiveTopic> { Set(subscriptions.map(\.topic)) }

    public init(principal: Principal, recheckInterval: TimeInterval = 1,
                authenticate: @escaping @Sendable () async throws -> Principal,
                siteOfBuilding: @escaping @Sendable (UUID) async throws -> UUID?,
                placeOf: @escaping @Sendable (LiveTopic) async throws -> (site: UUID, building: UUID?)? = { _ in nil },
                now: Date = Date(), route: LiveRoute = LiveRoute()) {
        self.route = route
        route.update(scope: principal.scope(for: .liveRead))
        self.principal = principal
        self.recheckInterval = recheckInterval
        self.authenticate = authenticate
        self.siteOfBuilding = siteOfBuilding
        self.placeOf = placeOf
        self.checkedAt = now
    }

    /// The caller's `live.read` scope, re-authenticated when the last check is too old.
    public func currentScope(now: Date = Date()) async throws -> AccessScope {
        if now.timeIntervalSince(checkedAt) >= recheckInterval || now < checkedAt {
            do {
                principal = try await authenticate()
            } catch {
                route.update(scope: .nothing)
                throw Failure.unauthenticated
            }
            checkedAt = now
        }
        let scope = principal.scope(for: .liveRead)
        if scope.isEmpty { throw Failure.unauthenticated }
        return scope
    }

    /// Re-checks the credential without any traffic, so an idle connection of a disabled user or a
    /// revoked key ends within about `recheckInterval` too (throws ``Failure/unauthenticated``).
    public func recheck(now: Date = Date()) async throws {
        _ = try await currentScope(now: now)
    }

    /// How often an idle connection should call ``recheck(now:)``.
    public nonisolated var idleRecheckInterval: Duration {
        .milliseconds(Int64(max(recheckInterval, 0.05) * 1000))
    }

    /// Whether `topic` lies inside `scope`.
    func allows(_ topic: LiveTopic, scope: AccessScope) async throws -> Bool {
        switch topic {
        case .site(let site):
            return scope.contains(siteID: site)
        case .building(let building), .box(let building, _):
            if scope.isGlobal || scope.buildingIDs.contains(building) {
                // Global callers still get 404 for an id that is no building at all.
                return try await siteOfBuilding(building) != nil
            }
            guard !scope.siteIDs.isEmpty, let site = try await siteOfBuilding(building) else { return false }
            return scope.contains(siteID: site, buildingID: building)
        case .floor, .space:
            guard let place = try await placeOf(topic) else { return false }
            return scope.contains(siteID: place.site, buildingID: place.building)
        }
    }

    /// Handles one client text message and returns the reply frame.
    public func receive(_ text: String, now: Date = Date()) async throws -> CanonicalJSON {
        try await handle(text, now: now).reply
    }

    /// Handles one client text message: the reply frame, and the subscription just made (whose
    /// snapshot the connection sends next).
    public func handle(_ text: String, now: Date = Date()) async throws -> (reply: CanonicalJSON, subscribed: LiveSubscription?) {
        guard text.utf8.count <= 4096,
              let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              object.count == 1, let message = object.first else {
            return (Self.error(400, "Send {\"subscribe\": {\"buildingId\"|\"floorId\"|\"spaceId\"|\"siteId\": UUID, …}} or {\"unsubscribe\": …}."), nil)
        }
        let verb = message.key
        if verb == "configure" {
            func whole(_ value: Any?, maximum: Int) -> Int64?? {
                guard let value else { return .some(nil) }
                guard let raw = value as? NSNumber, String(cString: raw.objCType) != "c", raw.doubleValue.isFinite,
                      raw.doubleValue >= 0, raw.doubleValue <= Double(maximum), raw.doubleValue == raw.doubleValue.rounded() else { return nil }
                return .some(raw.int64Value)
            }
            guard let options = message.value as? [String: Any], !options.isEmpty,
                  Set(options.keys).isSubset(of: ["intervalMs", "resumeSeconds", "batch"]),
                  let milliseconds = whole(options["intervalMs"], maximum: Self.maximumIntervalMilliseconds),
                  let seconds = whole(options["resumeSeconds"], maximum: Self.maximumResumeSeconds),
                  options["batch"].map({ ($0 as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false }) ?? true else {
                return (Self.error(400, "configure takes {\"intervalMs\": 0…\(Self.maximumIntervalMilliseconds), \"resumeSeconds\": 0…\(Self.maximumResumeSeconds)} (whole numbers), \"batch\": true|false}."), nil)
            }
            if let milliseconds { interval = .milliseconds(milliseconds) }
            if let seconds { resumeWindow = .seconds(seconds) }
            if let flag = options["batch"] as? NSNumber { batch = flag.boolValue }
            route.update(interval: interval, batch: batch)
            return (["configured": ["intervalMs": .int(Int64(interval.components.seconds * 1_000 + interval.components.attoseconds / 1_000_000_000_000_000)),
                                    "resumeSeconds": .int(resumeWindow.components.seconds), "batch": .bool(batch)]], nil)
        }
        let subscription: LiveSubscription
        do {
            subscription = try LiveSubscription(json: message.value)
        } catch {
            return (Self.error(400, error.detail), nil)
        }
        switch verb {
        case "subscribe":
            let scope = try await currentScope(now: now)
            guard try await allows(subscription.topic, scope: scope) else {
                return (Self.error(404, "No such site, building, floor or space.", subscription: subscription), nil)
            }
            guard subscriptions.count < Self.maximumTopics || subscriptions.contains(subscription) else {
                return (Self.error(429, "At most \(Self.maximumTopics) subscriptions per connection.", subscription: subscription), nil)
            }
            subscriptions.insert(subscription)
            return (["subscribed": subscription.json], subscription)
        case "unsubscribe":
            subscriptions.remove(subscription)
            return (["unsubscribed": subscription.json], nil)
        default:
            return (Self.error(400, "Unknown message \(String(verb.prefix(32)))."), nil)
        }
    }

    static func error(_ status: Int64, _ detail: String, subscription: LiveSubscription? = nil) -> CanonicalJSON {
        var body: [String: CanonicalJSON] = ["status": .int(status), "detail": .string(detail)]
        if let subscription { body["topic"] = subscription.json }
        return ["error": .object(body)]
    }
}
