import Foundation
import Logging
import ServiceLifecycle
import TwinDomain

/// Works the notification outbox: claims due rows, POSTs each signed body to its webhook (or, for
/// a `mailto:` target, mails a readable summary through the SMTP relay when one is configured), and
/// records the outcome; a failed row is retried after 5 s, 10 s, 20 s … (capped at an hour) and
/// is dead after `maximumAttempts`. Several servers can run it: claims skip each other's rows.
public struct NotificationDispatcher: Service {
    let store: any NotificationRepository
    let transport: any WebhookTransport
    let mail: (any MailTransport)?
    let logger: Logger
    var poll: Duration
    var maximumAttempts: Int
    var firstRetry: Duration
    var lease: Duration = .seconds(60)

    public init(store: any NotificationRepository, transport: any WebhookTransport, mail: (any MailTransport)? = nil, logger: Logger,
                poll: Duration = .seconds(1), maximumAttempts: Int = 8, firstRetry: Duration = .seconds(5)) {
        self.store = store
        self.transport = transport
        self.mail = mail
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
            let (status, error) = await deliver(delivery, now: now)
            if let status, (200..<300).contains(status) {
                try await store.markDelivered(id: delivery.id, status: status)
                continue
            }
            let attempt = delivery.attempts + 1
            let retryAt = attempt >= maximumAttempts ? nil : now.addingTimeInterval(retryDelay(afterAttempt: attempt))
            try await store.markFailed(id: delivery.id, status: status, error: error ?? "HTTP \(status ?? 0)", retryAt: retryAt)
            if retryAt == nil {
                logger.warning("notification dead after \(attempt) attempts",
                               metadata: ["delivery": .string(String(delivery.id)), "webhook": .string(delivery.webhookID.uuidString.lowercased())])
            }
        }
        return claimed.count
    }

    /// One attempt: the HTTP status (250 for mail the relay accepted), or nil and why.
    func deliver(_ delivery: NotificationDelivery, now: Date) async -> (status: Int?, error: String?) {
        if let address = NotificationTarget.mailAddress(delivery.url) {
            guard let mail else { return (nil, "no mail relay configured (ATRIUM_SMTP_URL)") }
            let (subject, text) = AlarmNotification.mail(event: delivery.event, payload: delivery.payload)
            if let error = await mail.send(to: address, subject: subject, text: text) { return (nil, error) }
            return (250, nil)
        }
        let body = Array(delivery.payload.utf8)
        let timestamp = Int64(now.timeIntervalSince1970)
        let headers = [("Content-Type", "application/json"), ("User-Agent", "Atrium-Webhook/1"),
                       ("X-Atrium-Event", delivery.event), ("X-Atrium-Delivery", String(delivery.id)),
                       ("X-Atrium-Timestamp", String(timestamp)),
                       ("X-Atrium-Signature", WebhookSignature.sign(body: body, timestamp: timestamp, secret: delivery.secret))]
        return await transport.post(url: delivery.url, headers: headers, body: body)
    }

    /// Seconds before attempt `attempt + 1`: doubling from `firstRetry`, at most an hour.
    func retryDelay(afterAttempt attempt: Int) -> TimeInterval {
        let first = Double(firstRetry.components.seconds) + Double(firstRetry.components.attoseconds) / 1e18
        return min(3_600, first * pow(2, Double(max(0, attempt - 1))))
    }
}
