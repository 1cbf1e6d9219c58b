import AlarmCore
import Foundation
import TwinDomain

/// The JSON body a webhook receives for an alarm change: the event and the alarm as it is after
/// the change (snake_case, lower-case ids, RFC 3339 times), built once when the change is queued.
struct AlarmNotification: Encodable {
    struct Body: Encodable {
        var id: String
        var state: String
        var severity: String
        var peak_severity: String
        var side: String?
        var last_value: Double?
        var quantity: String
        var site_id: String
        var building_id: String?
        var floor_id: String?
        var space_id: String?
        var asset_id: String?
        var asset_kind: String?
        var point_id: String
        var rule_id: String
        var raised_at: String
        var acknowledged_at: String?
        var acknowledged_by: String?
        var resolved_at: String?
        var escalations: Int
    }

    var event: String
    var sent_for: String
    var alarm: Body

    /// The event name for what a change did to `alarm`.
    static func event(action: String, alarm: Alarm) -> String {
        switch action {
        case "alarm.raise": "alarm.raised"
        case "alarm.clear": alarm.record.state == .resolved ? "alarm.resolved" : "alarm.cleared"
        case "alarm.escalate": "alarm.escalated"
        case "alarm.acknowledge": alarm.record.state == .resolved ? "alarm.resolved" : "alarm.acknowledged"
        case "alarm.shelve": "alarm.shelved"
        default: "alarm.updated"
        }
    }

    static func payload(action: String, alarm: Alarm) -> (event: String, json: String) {
        let r = alarm.record
        func id(_ value: UUID?) -> String? { value?.uuidString.lowercased() }
        // Made per call: alarm changes are rare, and a formatter is not safe to share across tasks.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func time(_ micros: Int64?) -> String? {
            micros.map { formatter.string(from: Date(timeIntervalSince1970: Double($0) / 1_000_000)) }
        }
        let event = event(action: action, alarm: alarm)
        let body = AlarmNotification(event: event, sent_for: id(alarm.id) ?? "", alarm: Body(
            id: id(alarm.id) ?? "", state: r.state.rawValue, severity: r.severity.description, peak_severity: r.peakSeverity.description,
            side: r.level?.side.rawValue, last_value: r.lastValue, quantity: alarm.quantity, site_id: id(alarm.siteID) ?? "",
            building_id: id(alarm.buildingID), floor_id: id(alarm.floorID), space_id: id(alarm.spaceID), asset_id: id(alarm.assetID),
            asset_kind: alarm.assetKind, point_id: id(alarm.pointID) ?? "", rule_id: id(alarm.ruleID) ?? "", raised_at: time(r.raisedAt) ?? "",
            acknowledged_at: time(r.acknowledgedAt), acknowledged_by: r.acknowledgedBy, resolved_at: time(r.resolvedAt),
            escalations: r.escalations))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return (event, json)
    }
}
