import AlarmCore
import Foundation
import PostgresNIO
import TwinDomain

extension PostgresTwinTransaction {
    public func insertAlarmRule(_ rule: AlarmRuleDefinition) async throws -> AlarmRuleDefinition {
        let s = rule.selector
        let ruleJSON = try AlarmRows.json(rule.rule)
        let escalation = try rule.escalation.map(AlarmRows.json)
        guard let stored = try await rows("""
            INSERT INTO alarm_rules (id, site_id, name, point_id, quantity, asset_kind, asset_type_id, space_id, floor_id, building_id,
                                     rule, escalation, origin, enabled, created_at, updated_at)
            VALUES (\(rule.id), \(rule.siteID), \(rule.name), \(s.pointID)::uuid, \(s.quantity)::text, \(s.assetKind)::text,
                    \(s.assetTypeID)::uuid, \(s.spaceID)::uuid, \(s.floorID)::uuid, \(s.buildingID)::uuid, \(ruleJSON)::jsonb,
                    \(escalation)::jsonb, \(rule.origin), \(rule.enabled), \(rule.createdAt), \(rule.updatedAt))
            RETURNING \(unescaped: AlarmRows.rule.replacingOccurrences(of: "r.", with: ""))
            """, AlarmRows.rule).first else { throw RepositoryError.failed(store: "postgresql") }
        return stored
    }

    public func deleteAlarmRule(id: UUID) async throws -> AlarmRuleDefinition? {
        let existing = try await rows("SELECT \(unescaped: AlarmRows.rule) FROM alarm_rules r WHERE r.id = \(id) FOR UPDATE",
                                      AlarmRows.rule).first
        guard let existing else { return nil }
        try await run("DELETE FROM alarms WHERE rule_id = \(id)")
        try await run("DELETE FROM alarm_rules WHERE id = \(id)")
        return existing
    }

    public func openAlarm(ruleID: UUID, pointID: UUID) async throws -> Alarm? {
        try await rows("""
            SELECT \(unescaped: AlarmRows.alarm) FROM alarms al
            WHERE al.rule_id = \(ruleID) AND al.point_id = \(pointID) AND al.state <> 'resolved' FOR UPDATE
            """, AlarmRows.alarm).first
    }

    public func alarm(id: UUID, forUpdate: Bool) async throws -> Alarm? {
        if forUpdate {
            return try await rows("SELECT \(unescaped: AlarmRows.alarm) FROM alarms al WHERE al.id = \(id) FOR UPDATE", AlarmRows.alarm).first
        }
        return try await rows("SELECT \(unescaped: AlarmRows.alarm) FROM alarms al WHERE al.id = \(id)", AlarmRows.alarm).first
    }

    public func insertAlarm(_ alarm: Alarm) async throws -> Alarm {
        let record = alarm.record
        let json = try AlarmRows.json(record)
        guard let stored = try await rows("""
            INSERT INTO alarms (id, site_id, building_id, floor_id, space_id, asset_id, asset_kind, point_id, rule_id, quantity,
                                state, severity, raised_at, updated_at, resolved_at, record)
            VALUES (\(alarm.id), \(alarm.siteID), \(alarm.buildingID)::uuid, \(alarm.floorID)::uuid, \(alarm.spaceID)::uuid,
                    \(alarm.assetID)::uuid, \(alarm.assetKind)::text, \(alarm.pointID), \(alarm.ruleID), \(alarm.quantity),
                    \(record.state.rawValue), \(record.severity.description), \(AlarmRows.date(record.raisedAt)),
                    \(AlarmRows.date(record.updatedAt)), \(record.resolvedAt.map(AlarmRows.date))::timestamptz, \(json)::jsonb)
            RETURNING \(unescaped: AlarmRows.alarm.replacingOccurrences(of: "al.", with: ""))
            """, AlarmRows.alarm).first else { throw RepositoryError.failed(store: "postgresql") }
        return stored
    }

    public func updateAlarm(_ alarm: Alarm) async throws -> Alarm {
        let record = alarm.record
        let json = try AlarmRows.json(record)
        guard let stored = try await rows("""
            UPDATE alarms SET state = \(record.state.rawValue), severity = \(record.severity.description),
                updated_at = \(AlarmRows.date(record.updatedAt)), resolved_at = \(record.resolvedAt.map(AlarmRows.date))::timestamptz,
                record = \(json)::jsonb, revision = revision + 1
            WHERE id = \(alarm.id)
            RETURNING \(unescaped: AlarmRows.alarm.replacingOccurrences(of: "al.", with: ""))
            """, AlarmRows.alarm).first else { throw RepositoryError.notFound }
        return stored
    }
}
