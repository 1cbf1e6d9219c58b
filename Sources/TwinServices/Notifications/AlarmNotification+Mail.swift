import Foundation

extension AlarmNotification {
    /// The e-mail for a queued notification: a subject an operator can triage from the inbox, the
    /// alarm's facts one per line, then the same JSON a webhook gets (for filters and tooling).
    static func mail(event: String, payload: String) -> (subject: String, text: String) {
        let object = (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any] ?? [:]
        let alarm = object["alarm"] as? [String: Any] ?? [:]
        func field(_ key: String) -> String? {
            switch alarm[key] {
            case let text as String: text
            case let number as NSNumber: number.stringValue
            default: nil
            }
        }
        let severity = field("severity") ?? "?"
        let quantity = field("quantity") ?? "?"
        let value = field("last_value").map { " \($0)" } ?? ""
        let subject = "[Atrium] \(event): \(severity) \(quantity)\(value)"
        let facts: [(String, String)] = [
            ("Event", event), ("State", field("state") ?? "?"), ("Severity", severity), ("Peak severity", field("peak_severity") ?? "?"),
            ("Quantity", quantity), ("Last value", field("last_value") ?? "-"), ("Side", field("side") ?? "-"),
            ("Raised at", field("raised_at") ?? "-"), ("Acknowledged", field("acknowledged_at").map { "\($0) by \(field("acknowledged_by") ?? "?")" } ?? "no"),
            ("Resolved at", field("resolved_at") ?? "-"), ("Escalations", field("escalations") ?? "0"),
            ("Site", field("site_id") ?? "-"), ("Building", field("building_id") ?? "-"), ("Floor", field("floor_id") ?? "-"),
            ("Space", field("space_id") ?? "-"), ("Asset", [field("asset_kind"), field("asset_id")].compactMap { $0 }.joined(separator: " ")),
            ("Point", field("point_id") ?? "-"), ("Rule", field("rule_id") ?? "-"), ("Alarm", field("id") ?? "-"),
        ]
        let text = facts.map { "\($0.0): \($0.1.isEmpty ? "-" : $0.1)" }.joined(separator: "\n")
            + "\n\nAcknowledge or shelve it in Atrium: POST /v1/alarms/\(field("id") ?? "{id}")/acknowledge\n\n"
            + "The notification as JSON:\n" + payload + "\n"
        return (subject, text)
    }
}
