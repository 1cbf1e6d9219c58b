import Foundation

/// Webhooks and the notification outbox. Webhooks change only through a twin transaction (audited);
/// the outbox is written by the transaction of each alarm change and worked by dispatchers.
public protocol NotificationRepository: Sendable {
    func webhooks(siteID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<Webhook>
    func webhook(id: UUID, scope: AccessScope) async throws -> Webhook?
    /// Claims up to `limit` due pending rows for `lease` (another dispatcher skips them meanwhile).
    func claimNotifications(limit: Int, lease: Duration) async throws -> [NotificationDelivery]
    func markDelivered(id: Int64, status: Int) async throws
    /// Records a failed attempt: due again at `retryAt`, or dead when nil.
    func markFailed(id: Int64, status: Int?, error: String, retryAt: Date?) async throws
    /// Rows that failed for good, newest first.
    func deadNotifications(siteID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<NotificationDelivery>
}
