import AlarmCore
import Foundation

/// Alarm rules, condition states and alarms. Reads take the caller's scope; rules and alarms
/// change only inside a twin transaction (through the change gateway, audited). Condition
/// states are the engine's bookkeeping, not user-visible changes, and are saved directly.
public protocol AlarmRepository: Sendable {
    func alarmRules(siteID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<AlarmRuleDefinition>
    func alarmRule(id: UUID, scope: AccessScope) async throws -> AlarmRuleDefinition?
    /// Every live point with its asset's kind and type (no scope: the engine's).
    func alarmPoints() async throws -> [AlarmPoint]
    /// Every enabled rule (no scope: the engine's).
    func enabledAlarmRules() async throws -> [AlarmRuleDefinition]
    func conditionStates() async throws -> [ConditionRecord]
    /// Upserts; a record whose rule was deleted meanwhile is skipped.
    func saveConditionStates(_ records: [ConditionRecord]) async throws
    func alarms(_ query: AlarmQuery, scope: AccessScope) async throws -> Page<Alarm>
    func alarm(id: UUID, scope: AccessScope) async throws -> Alarm?
    /// Every open alarm (no scope: the engine's escalation clock).
    func openAlarms() async throws -> [Alarm]
    /// Alarms of the building whose condition holds (active or acknowledged; a cleared alarm
    /// awaiting acknowledgement is no longer a hot rack), rolled up; nil when the building is not in scope.
    func health(buildingID: UUID, scope: AccessScope) async throws -> BuildingHealth?
    /// One asset's health from its points' open alarms (a rack turning WARM or HOT), for live clients.
    func assetHealth(assetID: UUID) async throws -> HealthStatus
}
