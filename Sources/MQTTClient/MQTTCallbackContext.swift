import CMosquitto
import Foundation
import Logging
import Synchronization

/// What libmosquitto's C callbacks reach through their `obj` pointer: the handler, the
/// subscriptions to renew on each connect, and the counters `MQTTConnection.status` reports.
/// All callbacks run on the connection's loop thread.
final class MQTTCallbackContext: Sendable {
    let handler: MQTTConnection.Handler
    let subscriptions: [MQTTSubscription]
    let logger: Logger
    let status = Mutex(MQTTConnectionStatus())
    let received = Atomic(0)
    let published = Atomic(0)
    let acknowledged = Atomic(0)
    /// Reset to zero by each accepted connection; the loop's backoff grows with it.
    let failedAttempts = Atomic(0)
    /// Set once a handler abandoned a message: nothing more may be acknowledged or written.
    let abandoned = Atomic(false)
    let stopSignal = MQTTStopSignal()
    /// UNSUBACKs received, for leaving a session on stop.
    let unsubscribed = Atomic(0)

    init(handler: @escaping MQTTConnection.Handler, subscriptions: [MQTTSubscription], logger: Logger) {
        self.handler = handler
        self.subscriptions = subscriptions
        self.logger = logger
    }

    static func from(_ obj: UnsafeMutableRawPointer?) -> MQTTCallbackContext {
        Unmanaged<MQTTCallbackContext>.fromOpaque(obj!).takeUnretainedValue()
    }

    func connected(_ mosq: OpaquePointer, reasonCode: Int32, flags: Int32) {
        guard reasonCode == 0 else {
            let reason = String(cString: mosquitto_reason_string(reasonCode))
            status.withLock {
                $0.connected = false
                $0.lastError = "broker refused the connection: \(reason)"
            }
            logger.warning("MQTT broker refused the connection", metadata: ["reason": .string(reason)])
            return
        }
        failedAttempts.store(0, ordering: .relaxed)
        let sessionPresent = flags & 1 != 0
        let (connects, hadError) = status.withLock { s in
            s.connected = true
            s.subscribed = subscriptions.isEmpty
            s.pendingSubscriptions = subscriptions.count
            s.connects += 1
            s.sessionPresent = sessionPresent
            defer { s.lastError = nil }
            return (s.connects, s.lastError != nil)
        }
        logger.log(level: connects == 1 || hadError ? .notice : .info, "MQTT connected",
                   metadata: ["session_present": .stringConvertible(sessionPresent), "connects": .stringConvertible(connects)])
        // Subscribing again on a resumed session is harmless and repairs a session the broker lost.
        for subscription in subscriptions {
            let rc = mosquitto_subscribe_v5(mosq, nil, subscription.filter, subscription.qos, 0, nil)
            if rc != MOSQ_ERR_SUCCESS.rawValue {
                logger.error("MQTT subscribe failed", metadata: ["filter": .string(subscription.filter),
                                                                  "error": .string(MQTTError.text(for: rc))])
            }
        }
    }

    func subscribed(grantedQoS: UnsafeBufferPointer<Int32>) {
        let refused = grantedQoS.contains { $0 >= 0x80 }
        // One SUBACK per filter (they are sent one by one); all granted once as many arrived.
        status.withLock { s in
            if refused { s.subscribed = false; s.pendingSubscriptions = -1 } else if s.pendingSubscriptions > 0 {
                s.pendingSubscriptions -= 1
                s.subscribed = s.pendingSubscriptions == 0
            }
        }
        for (index, granted) in grantedQoS.enumerated() where granted >= 0x80 {
            let filter = index < subscriptions.count ? subscriptions[index].filter : "?"
            logger.error("MQTT broker refused a subscription (check its ACL)",
                         metadata: ["filter": .string(filter), "reason": .string(String(cString: mosquitto_reason_string(granted)))])
        }
    }

    func disconnected(reasonCode: Int32) {
        let wasConnected = status.withLock { s in
            defer {
                s.connected = false
                s.subscribed = false
            }
            // A refusal explains more than the disconnect that follows it: keep the first.
            if reasonCode != 0 && (s.connected || s.lastError == nil) { s.lastError = "disconnected: \(MQTTError.text(for: reasonCode))" }
            return s.connected
        }
        if wasConnected && reasonCode != 0 {
            logger.warning("MQTT connection lost; reconnecting", metadata: ["reason": .string(MQTTError.text(for: reasonCode))])
        }
    }

    func deliver(_ message: UnsafePointer<mosquitto_message>) -> MQTTDelivery {
        if abandoned.load(ordering: .relaxed) { return .abandon }
        let m = message.pointee
        let topicLength = m.topic.map { strlen($0) } ?? 0
        let topic = UnsafeRawBufferPointer(start: m.topic, count: topicLength)
        let payload = UnsafeRawBufferPointer(start: m.payload, count: Int(max(m.payloadlen, 0)))
        received.add(1, ordering: .relaxed)
        let delivery = handler(MQTTMessage(topic: topic, payload: payload, qos: m.qos, retained: m.retain, stopSignal: stopSignal))
        if case .abandon = delivery { abandoned.store(true, ordering: .releasing) }
        return delivery
    }

    func log(level: Int32, _ text: UnsafePointer<CChar>?) {
        guard let text else { return }
        if level & (MOSQ_LOG_ERR | MOSQ_LOG_WARNING) != 0 {
            logger.debug("libmosquitto: \(String(cString: text))")
        }
    }
}
