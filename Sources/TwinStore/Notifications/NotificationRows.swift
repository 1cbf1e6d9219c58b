import AlarmCore
import Foundation
import PostgresNIO
import TwinDomain

enum NotificationRows {
    static let webhook = "w.id, w.site_id, w.name, w.url, w.secret, w.min_severity, w.enabled, w.revision, w.created_at, w.updated_at"

    static func webhook(_ row: PostgresRow) throws -> Webhook {
        let (id, site, name, url, secret, minimum, enabled, revision, created, updated) =
            try row.decode((UUID, UUID, String, String, String, Int16, Bool, Int64, Date, Date).self)
        return Webhook(id: id, siteID: site, name: name, url: url, secret: secret,
                       minSeverity: AlarmSeverity(rawValue: Int(minimum)) ?? .info, enabled: enabled, revision: revision,
                       createdAt: created, updatedAt: updated)
    }

    static let delivery = """
        o.id, o.webhook_id, o.site_id, w.url, o.alarm_id, o.event, o.payload::text, o.state, o.attempts, o.last_status, o.last_error,
        o.created_at
        """

    static func delivery(secret: Bool) -> (PostgresRow) throws -> NotificationDelivery {
        { row in
            let r = row.makeRandomAccess()
            return NotificationDelivery(
                id: try r["id"].decode(Int64.self), webhookID: try r["webhook_id"].decode(UUID.self), siteID: try r["site_id"].decode(UUID.self),
                url: try r["url"].decode(String.self), secret: secret ? try r["secret"].decode(String.self) : "",
                alarmID: try r["alarm_id"].decode(UUID?.self), event: try r["event"].decode(String.self),
                payload: try r["payload"].decode(String.self),
                state: NotificationDelivery.State(rawValue: try r["state"].decode(String.self)) ?? .pending,
                attempts: Int(try r["attempts"].decode(Int32.self)), lastStatus: try r["last_status"].decode(Int32?.self).map(Int.init),
                lastError: try r["last_error"].decode(String?.self), createdAt: try r["created_at"].decode(Date.self))
        }
    }
}
