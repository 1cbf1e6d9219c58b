import AlarmCore
import Foundation
import TwinDomain

extension TwinRepresentation {
    static func selector(_ s: RuleSelector) -> JSONValue {
        .object([("point_id", .uuid(s.pointID)), ("quantity", .text(s.quantity)), ("asset_kind", .text(s.assetKind)),
                 ("asset_type_id", .uuid(s.assetTypeID)), ("space_id", .uuid(s.spaceID)), ("floor_id", .uuid(s.floorID)),
                 ("building_id", .uuid(s.buildingID))])
    }

    /// A condition as `{"type": …, …}`: the shape `POST /v1/alarm-rules` takes.
    static func condition(_ rule: AlarmRule) -> JSONValue {
        switch rule {
        case .threshold(let t):
            return .object([("type", .string("threshold")),
                             ("bands", .array(t.bands.map { band in
                                 .object([("side", .string(band.side.rawValue)), ("severity", .string(band.severity.description)),
                                          ("limit", .double(band.limit)), ("on_delay_s", .double(band.onDelay))])
                             })),
                             ("deadband", .double(t.deadband)), ("off_delay_s", .double(t.offDelay))])
        case .boolean(let b):
            return .object([("type", .string("boolean")), ("alarm_when", .bool(b.alarmWhen)), ("severity", .string(b.severity.description)),
                            ("on_delay_s", .double(b.onDelay)), ("off_delay_s", .double(b.offDelay))])
        case .rateOfChange(let r):
            return .object([("type", .string("rate_of_change")), ("per_minute", .double(r.perMinute)),
                            ("severity", .string(r.severity.description)), ("on_delay_s", .double(r.onDelay)),
                            ("off_delay_s", .double(r.offDelay))])
        case .stale(let s):
            return .object([("type", .string("stale")), ("multiple", .double(s.multiple)),
                            ("expected_interval_s", .number(s.expectedInterval)), ("severity", .string(s.severity.description))])
        }
    }

    static func escalation(_ e: EscalationPolicy?) -> JSONValue {
        guard let e else { return .null }
        return .object([("after_s", .double(e.after)), ("raise", .bool(e.raise)), ("maximum", .int(e.maximum))])
    }

    static func alarmRule(_ r: AlarmRuleDefinition) -> JSONValue {
        .object([("id", .uuid(r.id)), ("site_id", .uuid(r.siteID)), ("name", .string(r.name)), ("selector", selector(r.selector)),
                 ("condition", condition(r.rule)), ("escalation", escalation(r.escalation)), ("origin", .string(r.origin)),
                 ("enabled", .bool(r.enabled)), ("revision", .int(Int(r.revision))), ("created_at", .date(r.createdAt)),
                 ("updated_at", .date(r.updatedAt))])
    }

    static func optionalTime(_ micros: Int64?) -> JSONValue { micros.map(time) ?? .null }

    static func alarm(_ a: Alarm) -> JSONValue {
        let r = a.record
        return .object([
            ("id", .uuid(a.id)), ("site_id", .uuid(a.siteID)), ("building_id", .uuid(a.buildingID)), ("floor_id", .uuid(a.floorID)),
            ("space_id", .uuid(a.spaceID)), ("asset_id", .uuid(a.assetID)), ("asset_kind", .text(a.assetKind)),
            ("point_id", .uuid(a.pointID)), ("rule_id", .uuid(a.ruleID)), ("quantity", .string(a.quantity)),
            ("state", .string(r.state.rawValue)), ("severity", .string(r.severity.description)),
            ("peak_severity", .string(r.peakSeverity.description)), ("side", .text(r.level?.side.rawValue)),
            ("last_value", .number(r.lastValue)), ("updates", .int(r.updates)), ("escalations", .int(r.escalations)),
            ("raised_at", time(r.raisedAt)), ("updated_at", time(r.updatedAt)), ("acknowledged_at", optionalTime(r.acknowledgedAt)),
            ("acknowledged_by", .text(r.acknowledgedBy)), ("cleared_at", optionalTime(r.clearedAt)),
            ("resolved_at", optionalTime(r.resolvedAt)), ("shelved_until", optionalTime(r.shelvedUntil)),
            ("time_to_acknowledge_s", .number(r.timeToAcknowledge.map { Double($0) / 1_000_000 })),
            ("time_to_resolve_s", .number(r.timeToResolve.map { Double($0) / 1_000_000 })),
            ("revision", .int(Int(a.revision))),
        ])
    }

    static func healthStatus(_ h: HealthStatus) -> JSONValue {
        .object([("status", .string(h.worst.map { $0.description } ?? "ok")), ("thermal", .string(h.thermal.rawValue)),
                 ("open", .object(AlarmSeverity.allCases.map { ($0.description, .int(h.open[$0] ?? 0)) }))])
    }

    static func health(_ h: BuildingHealth) -> JSONValue {
        func places(_ map: [UUID: HealthStatus]) -> JSONValue {
            .array(map.sorted { $0.key.uuidString < $1.key.uuidString }.map { id, status in
                .object([("id", .uuid(id)), ("health", healthStatus(status))])
            })
        }
        return .object([("building_id", .uuid(h.buildingID)), ("health", healthStatus(h.building)),
                        ("floors", places(h.floors)), ("spaces", places(h.spaces)), ("assets", places(h.assets))])
    }
}

extension TwinRepresentation {
    /// The secret only in the answer to its creation.
    static func webhook(_ w: Webhook, withSecret: Bool) -> JSONValue {
        .object([("id", .uuid(w.id)), ("site_id", .uuid(w.siteID)), ("name", .string(w.name)), ("url", .string(w.url)),
                 ("min_severity", .string(w.minSeverity.description)), ("enabled", .bool(w.enabled)),
                 ("secret", withSecret ? .string(w.secret) : .null), ("revision", .int(Int(w.revision))),
                 ("created_at", .date(w.createdAt)), ("updated_at", .date(w.updatedAt))])
    }

    static func deadLetter(_ d: NotificationDelivery) -> JSONValue {
        .object([("id", .int(Int(d.id))), ("webhook_id", .uuid(d.webhookID)), ("site_id", .uuid(d.siteID)), ("url", .string(d.url)),
                 ("alarm_id", .uuid(d.alarmID)), ("event", .string(d.event)), ("attempts", .int(d.attempts)),
                 ("last_status", .integer(d.lastStatus)), ("last_error", .text(d.lastError)), ("created_at", .date(d.createdAt))])
    }
}
