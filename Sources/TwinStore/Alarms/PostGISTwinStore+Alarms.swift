import AlarmCore
import Foundation
import PostgresNIO
import TwinDomain

extension PostGISTwinStore: AlarmRepository {
    public func alarmRules(siteID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<AlarmRuleDefinition> {
        let after = page.cursor.flatMap(UUID.init(uuidString:))
        let items = try await rows("""
            SELECT \(unescaped: AlarmRows.rule) FROM alarm_rules r
            WHERE (\(siteID)::uuid IS NULL OR r.site_id = \(siteID)::uuid)
              AND \(scope: scope, siteColumn: "r.site_id", buildingColumn: "r.building_id")
              AND (\(after)::uuid IS NULL OR r.id > \(after)::uuid)
            ORDER BY r.id LIMIT \(page.limit + 1)
            """, AlarmRows.rule)
        return Page(items: Array(items.prefix(page.limit)),
                    nextCursor: items.count > page.limit ? items[page.limit - 1].id.uuidString.lowercased() : nil)
    }

    public func alarmRule(id: UUID, scope: AccessScope) async throws -> AlarmRuleDefinition? {
        try await rows("""
            SELECT \(unescaped: AlarmRows.rule) FROM alarm_rules r
            WHERE r.id = \(id) AND \(scope: scope, siteColumn: "r.site_id", buildingColumn: "r.building_id")
            """, AlarmRows.rule).first
    }

    public func alarmPoints() async throws -> [AlarmPoint] {
        try await rows("""
            SELECT p.id, p.key, p.site_id, p.building_id, p.floor_id, p.space_id, p.asset_id, p.quantity, p.thresholds::text,
                   p.expected_interval_s, a.kind, a.type_id,
                   (extract(epoch FROM l.time) * 1000000)::int8 AS last_micros
            FROM points p LEFT JOIN assets a ON a.id = p.asset_id LEFT JOIN readings_latest l ON l.point_key = p.key
            WHERE p.retired_at IS NULL
            """) { row in
            let (id, key, site, building, floor, space, asset, quantity, thresholds, interval, kind, type, last) =
                try row.decode((UUID, Int64, UUID, UUID?, UUID?, UUID?, UUID?, String, String, Double?, String?, UUID?, Int64?).self)
            let facts = RuleSelector.Facts(pointID: id, quantity: quantity, assetKind: kind, assetTypeID: type, spaceID: space,
                                           floorID: floor, buildingID: building, siteID: site)
            return AlarmPoint(key: key, facts: facts, assetID: asset,
                              thresholds: (try? JSONDecoder().decode(PointThresholds.self, from: Data(thresholds.utf8))) ?? PointThresholds(),
                              expectedIntervalSeconds: interval, lastReadingMicros: last)
        }
    }

    public func enabledAlarmRules() async throws -> [AlarmRuleDefinition] {
        try await rows("SELECT \(unescaped: AlarmRows.rule) FROM alarm_rules r WHERE r.enabled ORDER BY r.id", AlarmRows.rule)
    }

    public func conditionStates() async throws -> [ConditionRecord] {
        try await rows("SELECT rule_id, point_key, state::text FROM alarm_conditions") { row in
            let (rule, key, state) = try row.decode((UUID, Int64, String).self)
            return ConditionRecord(ruleID: rule, pointKey: key, state: try AlarmRows.decode(ConditionState.self, state))
        }
    }

    public func saveConditionStates(_ records: [ConditionRecord]) async throws {
        guard !records.isEmpty else { return }
        // Last write per key wins within one call (the engine appends in evaluation order).
        var latest: [String: ConditionRecord] = [:]
        for record in records { latest["\(record.ruleID)/\(record.pointKey)"] = record }
        let list = Array(latest.values)
        let rules = list.map(\.ruleID), keys = list.map(\.pointKey)
        let states = try list.map { try AlarmRows.json($0.state) }
        _ = try await rows("""
            INSERT INTO alarm_conditions (rule_id, point_key, state, updated_at)
            SELECT c.rule_id, c.point_key, c.state::jsonb, now()
            FROM unnest(\(rules)::uuid[], \(keys)::int8[], \(states)::text[]) AS c (rule_id, point_key, state)
            WHERE EXISTS (SELECT 1 FROM alarm_rules r WHERE r.id = c.rule_id)
            ON CONFLICT (rule_id, point_key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """) { _ in () }
    }

    public func alarms(_ query: AlarmQuery, scope: AccessScope) async throws -> Page<Alarm> {
        // Newest first; the cursor is the last row's (raised_at µs, id).
        var afterTime: Date?, afterID: UUID?
        if let cursor = query.page.cursor {
            let parts = cursor.split(separator: "_")
            guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
                throw RepositoryError.constraintViolated(rule: "cursor")
            }
            afterTime = AlarmRows.date(micros)
            afterID = id
        }
        let states = query.states.map(\.rawValue).sorted(), severities = query.severities.map(\.description).sorted()
        let items = try await rows("""
            SELECT \(unescaped: AlarmRows.alarm) FROM alarms al
            WHERE \(scope: scope, siteColumn: "al.site_id", buildingColumn: "al.building_id")
              AND (\(query.siteID)::uuid IS NULL OR al.site_id = \(query.siteID)::uuid)
              AND (\(query.buildingID)::uuid IS NULL OR al.building_id = \(query.buildingID)::uuid)
              AND (\(query.floorID)::uuid IS NULL OR al.floor_id = \(query.floorID)::uuid)
              AND (\(query.spaceID)::uuid IS NULL OR al.space_id = \(query.spaceID)::uuid)
              AND (\(query.assetID)::uuid IS NULL OR al.asset_id = \(query.assetID)::uuid)
              AND (\(query.assetKind)::text IS NULL OR al.asset_kind = \(query.assetKind)::text)
              AND (cardinality(\(states)::text[]) = 0 OR al.state = ANY(\(states)::text[]))
              AND (cardinality(\(severities)::text[]) = 0 OR al.severity = ANY(\(severities)::text[]))
              AND (\(query.from)::timestamptz IS NULL OR al.raised_at >= \(query.from)::timestamptz)
              AND (\(query.to)::timestamptz IS NULL OR al.raised_at < \(query.to)::timestamptz)
              AND (\(afterTime)::timestamptz IS NULL OR (al.raised_at, al.id) < (\(afterTime)::timestamptz, \(afterID)::uuid))
            ORDER BY al.raised_at DESC, al.id DESC LIMIT \(query.page.limit + 1)
            """, AlarmRows.alarm)
        var next: String?
        if items.count > query.page.limit {
            let last = items[query.page.limit - 1]
            next = "\(last.record.raisedAt)_\(last.id.uuidString.lowercased())"
        }
        return Page(items: Array(items.prefix(query.page.limit)), nextCursor: next)
    }

    public func alarm(id: UUID, scope: AccessScope) async throws -> Alarm? {
        try await rows("""
            SELECT \(unescaped: AlarmRows.alarm) FROM alarms al
            WHERE al.id = \(id) AND \(scope: scope, siteColumn: "al.site_id", buildingColumn: "al.building_id")
            """, AlarmRows.alarm).first
    }

    public func openAlarms() async throws -> [Alarm] {
        try await rows("SELECT \(unescaped: AlarmRows.alarm) FROM alarms al WHERE al.state <> 'resolved'", AlarmRows.alarm)
    }

    public func health(buildingID: UUID, scope: AccessScope) async throws -> BuildingHealth? {
        guard try await building(id: buildingID, scope: scope) != nil else { return nil }
        let open = try await rows("""
            SELECT al.floor_id, al.space_id, al.asset_id, al.severity, al.quantity FROM alarms al
            WHERE al.building_id = \(buildingID) AND al.state IN ('active', 'acknowledged')
            """) { row in try row.decode((UUID?, UUID?, UUID?, String, String).self) }
        var health = BuildingHealth(buildingID: buildingID)
        for (floor, space, asset, severityName, quantity) in open {
            guard let severity = AlarmSeverity(name: severityName) else { continue }
            health.building.count(severity, quantity: quantity)
            if let floor { health.floors[floor, default: HealthStatus()].count(severity, quantity: quantity) }
            if let space { health.spaces[space, default: HealthStatus()].count(severity, quantity: quantity) }
            if let asset { health.assets[asset, default: HealthStatus()].count(severity, quantity: quantity) }
        }
        return health
    }

    public func assetHealth(assetID: UUID) async throws -> HealthStatus {
        let open = try await rows("""
            SELECT al.severity, al.quantity FROM alarms al
            WHERE al.asset_id = \(assetID) AND al.state IN ('active', 'acknowledged')
            """) { row in try row.decode((String, String).self) }
        var health = HealthStatus()
        for (severityName, quantity) in open {
            if let severity = AlarmSeverity(name: severityName) { health.count(severity, quantity: quantity) }
        }
        return health
    }
}

extension PostGISTwinStore: LiveChannel {
    public func notifyLive(_ payloads: [String]) async throws {
        guard !payloads.isEmpty else { return }
        _ = try await rows("""
            SELECT pg_notify(\(LiveChannelLimits.channel), p) FROM unnest(\(payloads)::text[]) AS p
            """) { _ in () }
    }
}
