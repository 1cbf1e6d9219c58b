import Foundation

/// What a committed import changed, for the job record, the audit row and live events.
public struct ImportCommitResult: Sendable, Hashable {
    public var model: TwinModel
    public var version: ModelVersion
    /// Diff against the previously active version (nil for a first import).
    public var diff: ModelDiff?
    public var buildingIDs: [UUID]
    /// Rows inserted, updated in place (same id), and retired (no longer in the model).
    public var inserted: Int
    public var updated: Int
    public var retired: Int

    public init(model: TwinModel, version: ModelVersion, diff: ModelDiff? = nil, buildingIDs: [UUID] = [],
                inserted: Int = 0, updated: Int = 0, retired: Int = 0) {
        self.model = model
        self.version = version
        self.diff = diff
        self.buildingIDs = buildingIDs
        self.inserted = inserted
        self.updated = updated
        self.retired = retired
    }
}
