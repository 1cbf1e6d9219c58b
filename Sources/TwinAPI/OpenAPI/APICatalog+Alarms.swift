import AlarmCore
import TwinDomain

extension APICatalog {
    static var alarms: [APIOperation] {
        let states = AlarmRecord.State.allCases.map(\.rawValue)
        let severities = AlarmSeverity.allCases.map(\.description)
        let filters: [P] = [
            query("site", .uuid, "Only this site."), query("building", .uuid, "Only this building."), query("floor", .uuid, "Only this floor."),
            query("space", .uuid, "Only this space."), query("asset", .uuid, "Only alarms of this asset's points."),
            query("asset_kind", .enumeration(AssetKind.allCases.map(\.rawValue)), "Only alarms of assets of this kind."),
            query("state", .enumeration(states), "Only in these states (repeatable).", repeatable: true),
            query("open", .boolean, "Only open alarms (active, acknowledged or cleared)."),
            query("severity", .enumeration(severities), "Only at these severities (repeatable).", repeatable: true),
            query("from", .string(), "Raised at or after (RFC 3339 or Unix seconds)."),
            query("to", .string(), "Raised before (RFC 3339 or Unix seconds)."),
        ]
        let alarmChange: [R] = [json("200", "The alarm after the change.", .ref("Alarm")),
                                problem("409", "The alarm is resolved."), problem("422", "Not a valid body; `errors[].field` names the member."),
                                notFound, problem("400", "Malformed id.")]
        return [
            twinList("/v1/alarm-rules", "Alarm rules in scope (shipped defaults, imported thresholds, manual rules).", "AlarmRule",
                     fields: TwinFields.alarmRule, tag: "Alarms", filters: [query("site", .uuid, "Only this site.")], feature: .alarms),
            twinObject("/v1/alarm-rules/{id}", "One alarm rule.", "AlarmRule", fields: TwinFields.alarmRule, tag: "Alarms", feature: .alarms),
            APIOperation(method: "post", path: "/v1/alarm-rules",
                         summary: "Create a rule: a selector (one point, or quantity, asset kind or type and a place) and a condition (audited as alarm-rule.create).",
                         tag: "Alarms", access: .requires(.alarmsManage), feature: .alarms,
                         body: APIOperation.Body(contentTypes: [("application/json", .ref("AlarmRuleInput"))], description: "The rule."),
                         replies: [json("201", "Created; `Location` is the rule.", .ref("AlarmRule"), headers: ["Location"]),
                                   problem("422", "Not a valid rule (inverted bands, negative deadband, empty selector, a place outside the site); `errors[].field` names the member."),
                                   notFound]),
            APIOperation(method: "delete", path: "/v1/alarm-rules/{id}", summary: "Delete a rule with its alarms (audited as alarm-rule.delete).",
                         tag: "Alarms", access: .requires(.alarmsManage), feature: .alarms, parameters: [id("id", "rule")],
                         replies: [R(status: "204", description: "Deleted."), notFound, problem("400", "Malformed id.")]),
            twinList("/v1/alarms", "Alarms in scope, newest first.", "Alarm", fields: TwinFields.alarm, tag: "Alarms", filters: filters,
                     feature: .alarms),
            twinObject("/v1/alarms/{id}", "One alarm with its life cycle (who acknowledged, when; time to acknowledge and to resolve).",
                       "Alarm", fields: TwinFields.alarm, tag: "Alarms", feature: .alarms),
            APIOperation(method: "post", path: "/v1/alarms/{id}/acknowledge",
                         summary: "Acknowledge: ACTIVE becomes ACKNOWLEDGED, CLEARED becomes RESOLVED (audited, with the note).",
                         tag: "Alarms", access: .requires(.alarmsAck), feature: .alarms, parameters: [id("id", "alarm")],
                         body: APIOperation.Body(contentTypes: [("application/json", .object([("note", .string())]))], description: "An optional note."),
                         replies: alarmChange),
            APIOperation(method: "post", path: "/v1/alarms/{id}/shelve",
                         summary: "Silence an open alarm until a time (no escalation); `until: null` unshelves (audited).",
                         tag: "Alarms", access: .requires(.alarmsAck), feature: .alarms, parameters: [id("id", "alarm")],
                         body: APIOperation.Body(contentTypes: [("application/json", .object([("until", .dateTime)], nullable: ["until"]))],
                                                 description: "Until when."),
                         replies: alarmChange),
            APIOperation(method: "get", path: "/v1/buildings/{id}/health",
                         summary: "Health from open alarms: the building, each floor and space (worst severity; OK/WARM/HOT for temperature).",
                         tag: "Alarms", access: .requires(.assetsRead), feature: .alarms, parameters: [id("id", "building")],
                         replies: [json("200", "The roll-up.", .ref("BuildingHealth")), notFound, problem("400", "Malformed id.")]),
        ].map(withAuthProblems)
    }

    static var webhooks: [APIOperation] {
        let webhook = APISchema.object([("id", .uuid), ("site_id", .uuid), ("name", .string()), ("url", .string()),
                                        ("min_severity", TwinSchemaSamples.severity), ("enabled", .boolean), ("secret", .string()),
                                        ("revision", .integer()), ("created_at", .dateTime), ("updated_at", .dateTime)],
                                       required: ["id", "site_id", "name", "url", "min_severity", "enabled", "secret", "revision",
                                                  "created_at", "updated_at"], nullable: ["secret"])
        let deadLetter = APISchema.object([("id", .integer()), ("webhook_id", .uuid), ("site_id", .uuid), ("url", .string()),
                                           ("alarm_id", .uuid), ("event", .string()), ("attempts", .integer()),
                                           ("last_status", .integer()), ("last_error", .string()), ("created_at", .dateTime)],
                                          required: ["id", "webhook_id", "site_id", "url", "event", "attempts", "created_at"],
                                          nullable: ["alarm_id", "last_status", "last_error"])
        let site = query("site", .uuid, "Only this site.")
        return [
            APIOperation(method: "get", path: "/v1/webhooks", summary: "Alarm webhooks of the sites where the caller manages alarms (no secrets).",
                         tag: "Alarms", access: .requires(.alarmsManage), feature: .webhooks, parameters: [site] + page,
                         replies: [json("200", "One page.", .object([("items", .array(webhook)), ("next_cursor", .string())],
                                                                    required: ["items", "next_cursor"], nullable: ["next_cursor"]),
                                        headers: ["Link"]), badParameter]),
            APIOperation(method: "post", path: "/v1/webhooks",
                         summary: "Add a webhook: alarm changes at or above `min_severity` are POSTed, signed (`X-Atrium-Signature: sha256=HMAC(secret, timestamp.body)`); the secret is in this answer only. A `mailto:address` url is mailed instead, through the server's SMTP relay (`ATRIUM_SMTP_URL`).",
                         tag: "Alarms", access: .requires(.alarmsManage), feature: .webhooks,
                         body: APIOperation.Body(contentTypes: [("application/json", .object([
                             ("site_id", .uuid), ("name", .string()), ("url", .string()), ("min_severity", TwinSchemaSamples.severity),
                         ], required: ["site_id", "name", "url"]))], description: "The webhook."),
                         replies: [json("201", "Created, with its secret.", webhook, headers: ["Location"]),
                                   problem("422", "Not a valid webhook (name, an http(s) URL, severity)."), notFound]),
            APIOperation(method: "delete", path: "/v1/webhooks/{id}", summary: "Remove a webhook and what it still had to send (audited).",
                         tag: "Alarms", access: .requires(.alarmsManage), feature: .webhooks, parameters: [id("id", "webhook")],
                         replies: [R(status: "204", description: "Deleted."), notFound, problem("400", "Malformed id.")]),
            APIOperation(method: "get", path: "/v1/webhooks/dead-letters",
                         summary: "Notifications that failed every attempt, newest first, with the last status or error.",
                         tag: "Alarms", access: .requires(.alarmsManage), feature: .webhooks, parameters: [site] + page,
                         replies: [json("200", "One page.", .object([("items", .array(deadLetter)), ("next_cursor", .string())],
                                                                    required: ["items", "next_cursor"], nullable: ["next_cursor"]),
                                        headers: ["Link"]), badParameter]),
        ].map(withAuthProblems)
    }
}
