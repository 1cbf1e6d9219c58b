import AlarmCore
import Foundation
import TwinDomain

/// JSON bodies of the alarm routes, in the shape the API returns.
enum AlarmRequestBodies {
    struct Selector: Decodable {
        var point_id: UUID?
        var quantity: String?
        var asset_kind: String?
        var asset_type_id: UUID?
        var space_id: UUID?
        var floor_id: UUID?
        var building_id: UUID?
    }

    struct Band: Decodable {
        var side: String
        var severity: String
        var limit: Double
        var on_delay_s: Double?
    }

    struct Condition: Decodable {
        var type: String
        var bands: [Band]?
        var deadband: Double?
        var off_delay_s: Double?
        var on_delay_s: Double?
        var alarm_when: Bool?
        var severity: String?
        var per_minute: Double?
        var multiple: Double?
        var expected_interval_s: Double?
    }

    struct Escalation: Decodable {
        var after_s: Double
        var raise: Bool?
        var maximum: Int?
    }

    struct NewRule: Decodable {
        var site_id: UUID
        var name: String
        var selector: Selector
        var condition: Condition
        var escalation: Escalation?

        func value() throws -> AlarmRuleDefinition {
            let s = selector
            if let kind = s.asset_kind, AssetKind(rawValue: kind) == nil {
                throw AssetRequestBodies.invalid("selector.asset_kind", "one of \(AssetKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            do {
                return AlarmRuleDefinition(
                    siteID: site_id, name: name,
                    selector: RuleSelector(pointID: s.point_id, quantity: s.quantity, assetKind: s.asset_kind, assetTypeID: s.asset_type_id,
                                           spaceID: s.space_id, floorID: s.floor_id, buildingID: s.building_id, siteID: site_id),
                    rule: try condition.rule(),
                    escalation: try escalation.map { try EscalationPolicy(after: $0.after_s, raise: $0.raise ?? true, maximum: $0.maximum ?? 3) })
            } catch let error as RuleError {
                throw AssetRequestBodies.invalid(error.field.hasPrefix("after") || error.field == "maximum"
                                                 ? "escalation.\(error.field)" : "condition.\(error.field)", error.reason)
            }
        }
    }

    struct Acknowledge: Decodable {
        var note: String?
    }

    struct Shelve: Decodable {
        /// RFC 3339; null unshelves.
        var until: String?
    }

    static func severity(_ name: String?, default fallback: AlarmSeverity) throws(RuleError) -> AlarmSeverity {
        guard let name else { return fallback }
        guard let severity = AlarmSeverity(name: name) else {
            throw RuleError(field: "severity", reason: "one of info, minor, major, critical")
        }
        return severity
    }
}

extension AlarmRequestBodies.Condition {
    func rule() throws(RuleError) -> AlarmRule {
        switch type {
        case "threshold":
            guard let bands, !bands.isEmpty else { throw RuleError(field: "bands", reason: "at least one band is needed") }
            var parsed: [ThresholdRule.Band] = []
            for (index, band) in bands.enumerated() {
                guard let side = ConditionLevel.Side(rawValue: band.side), side != .state else {
                    throw RuleError(field: "bands[\(index)].side", reason: "high or low")
                }
                guard let severity = AlarmSeverity(name: band.severity) else {
                    throw RuleError(field: "bands[\(index)].severity", reason: "one of info, minor, major, critical")
                }
                parsed.append(.init(side: side, severity: severity, limit: band.limit, onDelay: band.on_delay_s ?? 0))
            }
            return .threshold(try ThresholdRule(bands: parsed, deadband: deadband ?? 0, offDelay: off_delay_s ?? 0))
        case "boolean":
            return .boolean(try BooleanRule(alarmWhen: alarm_when ?? true,
                                            severity: try AlarmRequestBodies.severity(severity, default: .critical),
                                            onDelay: on_delay_s ?? 0, offDelay: off_delay_s ?? 0))
        case "rate_of_change":
            guard let per_minute else { throw RuleError(field: "per_minute", reason: "is required") }
            return .rateOfChange(try RateOfChangeRule(perMinute: per_minute, severity: try AlarmRequestBodies.severity(severity, default: .major),
                                                      onDelay: on_delay_s ?? 0, offDelay: off_delay_s ?? 0))
        case "stale":
            return .stale(try StaleRule(multiple: multiple ?? 3, expectedInterval: expected_interval_s,
                                        severity: try AlarmRequestBodies.severity(severity, default: .major)))
        default:
            throw RuleError(field: "type", reason: "one of threshold, boolean, rate_of_change, stale")
        }
    }
}
