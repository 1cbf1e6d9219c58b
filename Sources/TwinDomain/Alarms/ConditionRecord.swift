import AlarmCore
import Foundation

/// One (rule, point)'s persisted evaluation state.
public struct ConditionRecord: Sendable, Hashable {
    public var ruleID: UUID
    public var pointKey: Int64
    public var state: ConditionState

    public init(ruleID: UUID, pointKey: Int64, state: ConditionState) {
        self.ruleID = ruleID
        self.pointKey = pointKey
        self.state = state
    }
}
