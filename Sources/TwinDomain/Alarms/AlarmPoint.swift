import AlarmCore
import Foundation

/// A live point as the alarm engine sees it: its store key, what selectors match on, and what
/// its source says (imported thresholds, expected interval).
public struct AlarmPoint: Sendable, Hashable {
    public var key: Int64
    public var facts: RuleSelector.Facts
    public var assetID: UUID?
    public var thresholds: PointThresholds
    public var expectedIntervalSeconds: Double?
    /// The newest reading's time (µs), nil when the point never reported: where a new stale
    /// rule starts counting.
    public var lastReadingMicros: Int64?

    public init(key: Int64, facts: RuleSelector.Facts, assetID: UUID?, thresholds: PointThresholds, expectedIntervalSeconds: Double?,
                lastReadingMicros: Int64? = nil) {
        self.lastReadingMicros = lastReadingMicros
        self.key = key
        self.facts = facts
        self.assetID = assetID
        self.thresholds = thresholds
        self.expectedIntervalSeconds = expectedIntervalSeconds
    }
}
