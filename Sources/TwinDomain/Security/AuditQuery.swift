import Foundation

/// Filters for reading the audit log, newest first, with a seq cursor.
public struct AuditQuery: Sendable, Hashable {
    public var actorID: UUID?
    public var actorName: String?
    public var action: String?
    public var objectKind: String?
    public var objectID: String?
    public var siteID: UUID?
    public var buildingID: UUID?
    public var outcome: AuditOutcome?
    public var fromMicros: Int64?
    public var toMicros: Int64?
    /// Return rows with seq strictly below this value (the cursor).
    public var beforeSeq: Int64?
    public var limit: Int

    public init(actorID: UUID? = nil, actorName: String? = nil, action: String? = nil, objectKind: String? = nil,
                objectID: String? = nil, siteID: UUID? = nil, buildingID: UUID? = nil, outcome: AuditOutcome? = nil,
                fromMicros: Int64? = nil, toMicros: Int64? = nil, beforeSeq: Int64? = nil, limit: Int = 100) {
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.objectKind = objectKind
        self.objectID = objectID
        self.siteID = siteID
        self.buildingID = buildingID
        self.outcome = outcome
        self.fromMicros = fromMicros
        self.toMicros = toMicros
        self.beforeSeq = beforeSeq
        self.limit = limit
    }
}
