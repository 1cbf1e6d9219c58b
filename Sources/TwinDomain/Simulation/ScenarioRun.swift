import Foundation

/// A simulator scenario started through the API: which incident, on which asset of which
/// building, and who started and stopped it. The simulator plays the active ones.
public struct ScenarioRun: Sendable, Hashable, Identifiable {
    public enum State: String, Sendable, Hashable {
        case active, stopped
    }

    public var id: UUID
    public var siteID: UUID
    public var buildingID: UUID
    /// The scenario's name (`COOLING_FAILURE`, …).
    public var name: String
    public var targetAssetID: UUID
    /// The target's name when started (kept for the audit trail should the asset go).
    public var targetName: String
    public var state: State
    public var startedAt: Date
    public var startedBy: String
    public var stoppedAt: Date?
    public var stoppedBy: String?
    public var revision: Int64

    public init(id: UUID = UUID(), siteID: UUID, buildingID: UUID, name: String, targetAssetID: UUID, targetName: String,
                state: State = .active, startedAt: Date = Date(), startedBy: String, stoppedAt: Date? = nil, stoppedBy: String? = nil,
                revision: Int64 = 1) {
        self.id = id
        self.siteID = siteID
        self.buildingID = buildingID
        self.name = name
        self.targetAssetID = targetAssetID
        self.targetName = targetName
        self.state = state
        self.startedAt = startedAt
        self.startedBy = startedBy
        self.stoppedAt = stoppedAt
        self.stoppedBy = stoppedBy
        self.revision = revision
    }
}
