import Foundation
import PostgresNIO
import TwinDomain

extension PostGISTwinStore: NotificationRepository {
    public func webhooks(siteID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<Webhook> {
        let after = page.cursor.flatMap(UUID.init(uuidString:))
        let items = try await rows("""
            SELECT \(unescaped: NotificationRows.webhook) FROM webhooks w
            WHERE (\(siteID)::uuid IS NULL OR w.site_id = \(siteID)::uuid)
              AND \(scope: scope, siteColumn: "w.site_id")
              AND (\(after)::uuid IS NULL OR w.id > \(after)::uuid)
            ORDER BY w.id LIMIT \(page.limit + 1)
            """, NotificationRows.webhook)
        return Page(items: Array(items.prefix(page.limit)),
                    nextCursor: items.count > page.limit ? items[page.limit - 1].id.uuidString.lowercased() : nil)
    }

    public func webhook(id: UUID, scope: AccessScope) async throws -> Webhook? {
        try await rows("""
            SELECT \(unescaped: NotificationRows.webhook) FROM webhooks w
            WHERE w.id = \(id) AND \(scope: scope, siteColumn: "w.site_id")
            """, NotificationRows.webhook).first
    }

    public func claimNotifications(limit: Int, lease: Duration) async throws -> [NotificationDelivery] {
        let leaseSeconds = Double(lease.components.seconds) + Double(lease.components.attoseconds) / 1e18
        return try await rows("""
            WITH due AS (
                SELECT o.id FROM notification_outbox o
                WHERE o.state = 'pending' AND o.next_attempt_at <= now()
                ORDER BY o.next_attempt_at, o.id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE notification_outbox o SET next_attempt_at = now() + make_interval(secs => \(leaseSeconds))
                FROM due WHERE o.id = due.id
                RETURNING o.*
            )
            SELECT \(unescaped: NotificationRows.delivery), w.secret
            FROM claimed o JOIN webhooks w ON w.id = o.webhook_id
            ORDER BY o.id
            """, NotificationRows.delivery(secret: true))
    }

    public func markDelivered(id: Int64, status: Int) async throws {
        _ = try await rows("""
            UPDATE notification_outbox SET state = 'delivered', attempts = attempts + 1, last_status = \(status),
                last_error = NULL, delivered_at = now()
            WHERE id = \(id)
            """) { _ in () }
    }

    public func markFailed(id: Int64, status: Int?, error: String, retryAt: Date?) async throws {
        _ = try await rows("""
            UPDATE notification_outbox SET attempts = attempts + 1, last_status = \(status)::int4, last_error = \(String(error.prefix(500))),
                state = CASE WHEN \(retryAt)::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
                next_attempt_at = coalesce(\(retryAt)::timestamptz, next_attempt_at)
            WHERE id = \(id)
            """) { _ in () }
    }

    public func deadNotifications(siteID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<NotificationDelivery> {
        let before = page.cursor.flatMap { Int64($0) }
        let items = try await rows("""
            SELECT \(unescaped: NotificationRows.delivery)
            FROM notification_outbox o JOIN webhooks w ON w.id = o.webhook_id
            WHERE o.state = 'dead' AND (\(siteID)::uuid IS NULL OR o.site_id = \(siteID)::uuid)
              AND \(scope: scope, siteColumn: "o.site_id")
              AND (\(before)::int8 IS NULL OR o.id < \(before)::int8)
            ORDER BY o.id DESC LIMIT \(page.limit + 1)
            """, NotificationRows.delivery(secret: false))
        return Page(items: Array(items.prefix(page.limit)), nextCursor: items.count > page.limit ? String(items[page.limit - 1].id) : nil)
    }
}

extension PostgresTwinTransaction {
    public func enqueueAlarmNotification(_ alarm: Alarm, event: String, payload: String) async throws -> Int {
        try await rows("""
            INSERT INTO notification_outbox (webhook_id, site_id, alarm_id, event, payload)
            SELECT w.id, w.site_id, \(alarm.id), \(event), \(payload)::jsonb FROM webhooks w
            WHERE w.site_id = \(alarm.siteID) AND w.enabled AND w.min_severity <= \(Int16(alarm.record.severity.rawValue))
            RETURNING id
            """) { _ in () }.count
    }

    public func insertWebhook(_ webhook: Webhook) async throws -> Webhook {
        guard let stored = try await rows("""
            INSERT INTO webhooks (id, site_id, name, url, secret, min_severity, enabled, created_at, updated_at)
            VALUES (\(webhook.id), \(webhook.siteID), \(webhook.name), \(webhook.url), \(webhook.secret),
                    \(Int16(webhook.minSeverity.rawValue)), \(webhook.enabled), \(webhook.createdAt), \(webhook.updatedAt))
            RETURNING \(unescaped: NotificationRows.webhook.replacingOccurrences(of: "w.", with: ""))
            """, NotificationRows.webhook).first else { throw RepositoryError.failed(store: "postgresql") }
        return stored
    }

    public func deleteWebhook(id: UUID) async throws -> Webhook? {
        try await rows("""
            DELETE FROM webhooks WHERE id = \(id)
            RETURNING \(unescaped: NotificationRows.webhook.replacingOccurrences(of: "w.", with: ""))
            """, NotificationRows.webhook).first
    }
}
