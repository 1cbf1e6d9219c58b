import Foundation
import TwinDomain

/// One live client's subscriptions and the rules for what it may receive.
///
/// - A subscription is accepted only if the topic lies inside the caller's
///   `live.read` scope; a building is located (building → site) through the
///   store so a site grant covers its buildings. Unknown and out-of-scope
///   topics get the same error frame, so ids cannot be probed.
/// - Every event is checked again at delivery against the topic *and* the
///   caller's scope as of now: the principal is re-resolved through
///   `authenticate` (cheap: `PrincipalCache`) at most every `recheckInterval`,
///   so a disabled user, a revoked grant or an expired token ends the stream
///   (``Failure/unauthenticated``) instead of leaking further events.
public actor LiveSession {
    public enum Failure: Error, Sendable, Equatable {
        /// The credential no longer authenticates or lost `live.read`: close the connection.
        case unauthenticated
    }

    public static let maximumTopics = 64

    let authenticate: @Sendable () async throws -> Principal
    let siteOfBuilding: @Sendable (UUID) async throws -> UUID?
    let recheckInterval: TimeInterval
    private var principal: Principal
    private var checkedAt: Date
    public private(set) var topics: Set<LiveTopic> = []

    public init(principal: Principal, recheckInterval: TimeInterval = 1,
                authenticate: @escaping @Sendable () async throws -> Principal,
                siteOfBuilding: @escaping @Sendable (UUID) async throws -> UUID?, now: Date = Date()) {
        self.principal = principal
        self.recheckInterval = recheckInterval
        self.authenticate = authenticate
        self.siteOfBuilding = siteOfBuilding
        self.checkedAt = now
    }

    /// The caller's `live.read` scope, re-authenticated when the last check is too old.
    func currentScope(now: Date) async throws -> AccessScope {
        if now.timeIntervalSince(checkedAt) >= recheckInterval || now < checkedAt {
            do {
                principal = try await authenticate()
            } catch {
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
        case .building(let building):
            if scope.isGlobal || scope.buildingIDs.contains(building) { return true }
            guard !scope.siteIDs.isEmpty, let site = try await siteOfBuilding(building) else { return false }
            return scope.contains(siteID: site, buildingID: building)
        }
    }

    /// Handles one client text message and returns the reply frame.
    public func receive(_ text: String, now: Date = Date()) async throws -> CanonicalJSON {
        guard text.utf8.count <= 4096,
              let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              object.count == 1, let message = object.first else {
            return Self.error(400, "Send {\"subscribe\": {\"siteId\"|\"buildingId\": UUID}} or {\"unsubscribe\": …}.")
        }
        let verb = message.key
        guard let topic = LiveTopic(json: message.value) else {
            return Self.error(400, "A topic is {\"siteId\": UUID} or {\"buildingId\": UUID}.")
        }
        switch verb {
        case "subscribe":
            let scope = try await currentScope(now: now)
            guard try await allows(topic, scope: scope) else {
                return Self.error(404, "No such site or building.", topic: topic)
            }
            guard topics.count < Self.maximumTopics || topics.contains(topic) else {
                return Self.error(429, "At most \(Self.maximumTopics) subscriptions per connection.", topic: topic)
            }
            topics.insert(topic)
            return ["subscribed": Self.topicJSON(topic)]
        case "unsubscribe":
            topics.remove(topic)
            return ["unsubscribed": Self.topicJSON(topic)]
        default:
            return Self.error(400, "Unknown message \(String(verb.prefix(32))).")
        }
    }

    /// The frame to forward for `event`, or nil if this client must not see it.
    public func deliver(_ event: LiveEvent, now: Date = Date()) async throws -> CanonicalJSON? {
        guard topics.contains(where: { $0.matches(event) }) else { return nil }
        let scope = try await currentScope(now: now)
        guard scope.contains(siteID: event.siteID, buildingID: event.buildingID) else { return nil }
        return event.frame
    }

    static func topicJSON(_ topic: LiveTopic) -> CanonicalJSON {
        .object(topic.json.mapValues { .string($0) })
    }

    static func error(_ status: Int64, _ detail: String, topic: LiveTopic? = nil) -> CanonicalJSON {
        var body: [String: CanonicalJSON] = ["status": .int(status), "detail": .string(detail)]
        if let topic { body["topic"] = topicJSON(topic) }
        return ["error": .object(body)]
    }
}
