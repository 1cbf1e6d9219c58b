import Foundation
import Logging
import ServiceLifecycle
import TwinDomain

/// Works the notification outbox: claims due rows, POSTs each signed body to its webhook, and
/// records the outcome; a failed row is retried after 5 s, 10 s, 20 s … (capped at an hour) and
/// is dead after `maximumAttempts`. Several servers can run it: claims skip each other's rows.
public struct NotificationDispatcher: Service {
    let store: any NotificationRepository
    let transport: any WebhookTransport
    let logger: Logger
    var poll: Duration
    var maximumAttempts: Int
    var firstRetry: Duration
    var lease: Duration = .seconds(60)

    public init(store: any NotificationRepository, transport: any WebhookTransport, logger: Logger, poll: Duration = .seconds(1),
                maximumAttempts: Int = 8, firstRetry: Duration = .seconds(5)) {
        self.store = store
        self.transport = transport
        self.logger = logger
        self.poll = poll
        self.maximumAttempts = max(1, maximumAttempts)
        self.firstRetry = firstRetry
    }

    public func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            do {
                if try await dispatchOnce() == 0 { try await Task.sleep(for: poll) }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("notification outbox unavailable; retrying", metadata: ["error": .string(String(describing: error))])
                try? await Task.sleep(for: poll * 5)
            }
        }
    }

    /// Sends what is due now; returns how many rows it worked.
    @discardableResult
    public func dispatchOnce(now: Date = Date()) async throws -> Int {
        let claimed = try await store.claimNotifications(limit: 50, lease: lease)
        for delivery in claimed {
            let body = Array(delivery.payload.utf8)
            let timestamp = Int64(now.timeIntervalSince1970)
            let headers = [("Content-Type", "application/json"), ("User-Agent", "Atrium-Webhook/1"),
                           ("X-Atrium-Event", delivery.event), ("X-Atrium-Delivery", String(delivery.id)),
                           ("X-Atrium-Timestamp", String(timestamp)),
                           ("X-Atrium-Signature", WebhookSignature.sign(body: body, timestamp: timestamp, secret: delivery.secret))]
            let (status, error) = await transport.post(url: delivery.url, headers: headers, body: body)
            if let status, (200..<300).contains(status) {
                try await store.markDelivered(id: delivery.id, status: status)
                continue
            }
            let attempt = delivery.attempts + 1
            let retryAt = attempt >= maximumAttempts ? nil : now.addingTimeInterval(retryDelay(afterAttempt: attempt))
            try await store.markFailed(id: delivery.id, status: status, error: error ?? "HTTP \(status ?? 0)", retryAt: retryAt)
            if retryAt == nil {
                logger.warning("webhook notification dead after \(attempt) attempts",
                               metadata: ["delivery": .string(String(delivery.id)), "webhook": .string(delivery.webhookID.uuidString.lowercased())])
            }
        }
        return claimed.count
    }

    /// Seconds before attempt `attempt + 1`: doubling from `firstRetry`, at most an hour.
    func retryDelay(afterAttempt attempt: Int) -> TimeInterval {
        let first = Double(firstRetry.components.seconds) + Double(firstRetry.components.attoseconds) / 1e18
        return min(3_600, first * pow(2, Double(max(0, attempt - 1))))
    }
}
