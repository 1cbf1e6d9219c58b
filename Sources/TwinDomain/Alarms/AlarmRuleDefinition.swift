import AlarmCore
import Foundation

/// A stored alarm rule: which points it watches (``RuleSelector``), the condition (``AlarmRule``)
/// and, optionally, how an unacknowledged alarm escalates.
public struct AlarmRuleDefinition: Sendable, Hashable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    public var name: String
    public var selector: RuleSelector
    public var rule: AlarmRule
    public var escalation: EscalationPolicy?
    /// `manual` (REST), `import` (a point's imported thresholds) or `default` (shipped).
    public var origin: String
    public var enabled: Bool
    public var revision: Int64
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID = UUID(), siteID: UUID, name: String, selector: RuleSelector, rule: AlarmRule,
                escalation: EscalationPolicy? = nil, origin: String = "manual", enabled: Bool = true, revision: Int64 = 1,
                createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.siteID = siteID
        self.name = name
        self.selector = selector
        self.rule = rule
        self.escalation = escalation
        self.origin = origin
        self.enabled = enabled
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
