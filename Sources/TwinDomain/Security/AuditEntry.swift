import Foundation

/// One audit fact, before it is chained.
///
/// `before`/`after` are canonical JSON text (see ``CanonicalJSON``) so the
/// bytes hashed at write time are exactly the bytes read back at verify time.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// Microseconds since the Unix epoch: integral so it round-trips exactly.
    public var timeMicros: Int64
    public var actorKind: String?
    public var actorID: UUID?
    public var actorName: String?
    public var roles: [String]
    public var sourceIP: String?
    public var userAgent: String?
    /// The server's id for the request (also in its log lines and `X-Request-ID` response header).
    public var requestID: String?
    /// What the caller sent as `X-Request-ID`, kept apart: a client chooses it, so it never
    /// serves as the correlation id.
    public var clientRequestID: String?
    public var action: String
    public var objectKind: String?
    public var objectID: String?
    public var siteID: UUID?
    /// The building the object lies in, when it lies in one: lets a building-scoped
    /// auditor see that building's rows (and only those).
    public var buildingID: UUID?
    public var outcome: AuditOutcome
    public var reason: String?
    public var before: String?
    public var after: String?

    public init(
        timeMicros: Int64, actorKind: String? = nil, actorID: UUID? = nil, actorName: String? = nil,
        roles: [String] = [], sourceIP: String? = nil, userAgent: String? = nil, requestID: String? = nil,
        action: String, objectKind: String? = nil, objectID: String? = nil, siteID: UUID? = nil,
        buildingID: UUID? = nil, outcome: AuditOutcome, reason: String? = nil, before: String? = nil, after: String? = nil,
        clientRequestID: String? = nil
    ) {
        self.timeMicros = timeMicros
        self.actorKind = actorKind
        self.actorID = actorID
        self.actorName = actorName
        self.roles = roles
        self.sourceIP = sourceIP
        self.userAgent = userAgent
        self.requestID = requestID
        self.clientRequestID = clientRequestID
        self.action = action
        self.objectKind = objectKind
        self.objectID = objectID
        self.siteID = siteID
        self.buildingID = buildingID
        self.outcome = outcome
        self.reason = reason
        self.before = before
        self.after = after
    }

    public static func nowMicros(_ date: Date = Date()) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }
}
