import AlarmCore
import Foundation
import Logging
import TwinDomain

/// Alarms as people see them: lists and health scoped by `assets.read`; acknowledging and
/// shelving need `alarms.ack` where the alarm is, and are audited through the change gateway.
public struct AlarmService: Sendable {
    let store: any AlarmRepository
    let gateway: ChangeGateway<any TwinTransaction>
    /// Microseconds since 1970 (injected by tests).
    let now: @Sendable () -> Int64
    let live: (any LiveAlarmSink)?

    public init(store: any AlarmRepository & TwinRepository, logger: Logger, live: (any LiveAlarmSink)? = nil,
                now: @escaping @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()) }) {
        self.store = store
        self.live = live
        self.gateway = ChangeGateway(store: TwinAuditedStore(base: store), logger: logger)
        self.now = now
    }

    public enum AlarmError: Error, Sendable, Equatable {
        /// The alarm is resolved (nothing to acknowledge or shelve).
        case closed
        case invalid(field: String, reason: String)
    }

    public func alarms(_ query: AlarmQuery, principal: Principal) async throws -> Page<Alarm> {
        try await store.alarms(query, scope: principal.scope(for: .assetsRead))
    }

    public func alarm(id: UUID, principal: Principal) async throws -> Alarm? {
        try await store.alarm(id: id, scope: principal.scope(for: .assetsRead))
    }

    public func health(buildingID: UUID, principal: Principal) async throws -> BuildingHealth? {
        try await store.health(buildingID: buildingID, scope: principal.scope(for: .assetsRead))
    }

    /// Acknowledges an open alarm; nil when it is not visible. An alarm already acknowledged is
    /// answered as it is (idempotent), a resolved one is ``AlarmError/closed``.
    public func acknowledge(id: UUID, note: String?, by principal: Principal, context: AuditContext) async throws -> Alarm? {
        if let note, note.count > 2_000 { throw AlarmError.invalid(field: "note", reason: "at most 2,000 characters") }
        return try await change(id: id, action: "alarm.acknowledge", note: note, by: principal, context: context) { record, time in
            record.acknowledge(by: principal.name, at: time)
        }
    }

    /// Silences an open alarm until `until` (no escalation, no re-notification); nil unshelves.
    public func shelve(id: UUID, until: Date?, by principal: Principal, context: AuditContext) async throws -> Alarm? {
        let time = now()
        let untilMicros = until.map { Int64(($0.timeIntervalSince1970 * 1_000_000).rounded()) }
        if let untilMicros, untilMicros <= time { throw AlarmError.invalid(field: "until", reason: "must lie in the future") }
        return try await change(id: id, action: "alarm.shelve", note: nil, by: principal, context: context) { record, time in
            record.shelve(until: untilMicros, at: time)
        }
    }

    private func change(id: UUID, action: String, note: String?, by principal: Principal, context: AuditContext,
                        _ body: @escaping @Sendable (inout AlarmRecord, Int64) -> Bool) async throws -> Alarm? {
        guard let visible = try await store.alarm(id: id, scope: principal.scope(for: .assetsRead)) else { return nil }
        guard visible.record.isOpen else { throw AlarmError.closed }
        let change = Change(permission: .alarmsAck, action: action, objectKind: "alarm", objectID: id.uuidString.lowercased(),
                            siteID: visible.siteID, buildingID: visible.buildingID)
        let time = now()
        let changed = try await gateway.perform(change, by: principal, context: context) { tx, scope in
            guard var alarm = try await tx.alarm(id: id, forUpdate: true) else { throw RepositoryError.notFound }
            try scope.require(siteID: alarm.siteID, buildingID: alarm.buildingID)
            guard alarm.record.isOpen else { throw AlarmError.closed }
            let before = Self.audit(alarm)
            guard body(&alarm.record, time) else { return ChangeResult(alarm, before: before, after: before) }
            let stored = try await tx.updateAlarm(alarm)
            let notification = AlarmNotification.payload(action: action, alarm: stored)
            try await tx.enqueueAlarmNotification(stored, event: notification.event, payload: notification.json)
            var after = Self.audit(stored)
            if let note, case .object(var members) = after {
                members["note"] = .string(note)
                after = .object(members)
            }
            return ChangeResult(stored, siteID: stored.siteID, buildingID: stored.buildingID, before: before, after: after)
        }
        await live?.alarmChanged(changed, event: AlarmNotification.event(action: action, alarm: changed))
        return changed
    }

    /// What the audit log keeps of an alarm.
    static func audit(_ alarm: Alarm) -> CanonicalJSON {
        let r = alarm.record
        return .object([
            "id": .string(alarm.id.uuidString.lowercased()), "rule_id": .string(alarm.ruleID.uuidString.lowercased()),
            "point_id": .string(alarm.pointID.uuidString.lowercased()), "state": .string(r.state.rawValue),
            "severity": .string(r.severity.description), "level": r.level.map { .string($0.description) } ?? .null,
            "last_value": r.lastValue.map { .string(String($0)) } ?? .null,
            "acknowledged_by": r.acknowledgedBy.map { .string($0) } ?? .null,
            "shelved_until": r.shelvedUntil.map { .int($0) } ?? .null, "escalations": .int(Int64(r.escalations)),
        ])
    }
}
