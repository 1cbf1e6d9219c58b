import CMosquitto
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// A long-lived MQTT 5 client over libmosquitto, run as a `Service`.
///
/// One dedicated thread (not a Swift concurrency thread: libmosquitto blocks in `select`) owns
/// the socket: it connects, renews the subscriptions on every connect, calls the handler for
/// each message, and reconnects with backoff after any failure, including ones libmosquitto's
/// own `loop_forever` gives up on (a refused password, a TLS error), so a broker that is down
/// or misconfigured for a while costs nothing but log lines.
///
/// Acknowledgement order (the QoS 1 trap): libmosquitto queues the PUBACK for a QoS 1 message
/// before calling `on_message`, and an unthreaded client writes it at once, so a crash inside
/// the handler would lose an acknowledged message. This client runs libmosquitto in threaded
/// mode, where queued packets are only written by the loop after the read, that is after the
/// handler returned (libmosquitto 2.0 `packet__queue`). The handler's return is therefore the
/// acknowledgement point: a handler that stores the message before returning loses nothing when
/// the process dies, and one that returns `.abandon` gets it redelivered.
public final class MQTTConnection: Service, Sendable {
    /// Called on the loop thread, one message at a time, in arrival order. May block (the
    /// broker then holds further messages, within its limits); must not call `stop`.
    public typealias Handler = @Sendable (MQTTMessage) -> MQTTDelivery

    public let options: MQTTClientOptions
    let context: MQTTCallbackContext
    let handle: MosquittoHandle
    let logger: Logger
    private let started = Atomic(false)
    /// Wakes the loop thread from a backoff sleep when stopping.
    private let wake = DispatchSemaphore(value: 0)

    public init(options: MQTTClientOptions, logger: Logger, handler: @escaping Handler = { _ in .handled }) throws(MQTTError) {
        try options.validate()
        MosquittoRuntime.ensureInitialized()
        self.options = options
        self.logger = logger
        context = MQTTCallbackContext(handler: handler, subscriptions: options.subscriptions, logger: logger)
        guard let mosq = mosquitto_new(options.clientID, !options.persistentSession, Unmanaged.passUnretained(context).toOpaque()) else {
            throw .invalidOption("libmosquitto could not create a client (out of memory or an invalid client id)")
        }
        handle = MosquittoHandle(mosq)
        try configure(mosq)
    }

    private func configure(_ mosq: OpaquePointer) throws(MQTTError) {
        func check(_ rc: Int32, _ operation: String) throws(MQTTError) {
            guard rc == MOSQ_ERR_SUCCESS.rawValue else { throw .library(code: rc, operation: operation) }
        }
        try check(mosquitto_threaded_set(mosq, true), "mosquitto_threaded_set")
        try check(mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5), "protocol version")
        try check(mosquitto_int_option(mosq, MOSQ_OPT_RECEIVE_MAXIMUM, Int32(options.receiveMaximum)), "receive maximum")
        try check(mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1), "TCP_NODELAY")
        if let username = options.username {
            try check(mosquitto_username_pw_set(mosq, username, options.password), "credentials")
        }
        if options.useTLS {
            if let caFile = options.caFile {
                guard FileManager.default.isReadableFile(atPath: caFile) else { throw .invalidOption("CA file \(caFile) is not readable") }
                try check(mosquitto_tls_set(mosq, caFile, nil, nil, nil, nil), "TLS CA file")
            } else {
                try check(mosquitto_int_option(mosq, MOSQ_OPT_TLS_USE_OS_CERTS, 1), "TLS with the system's CAs")
            }
        }
        mosquitto_connect_v5_callback_set(mosq) { mosq, obj, rc, flags, _ in
            MQTTCallbackContext.from(obj).connected(mosq!, reasonCode: rc, flags: flags)
        }
        mosquitto_disconnect_v5_callback_set(mosq) { _, obj, rc, _ in
            MQTTCallbackContext.from(obj).disconnected(reasonCode: rc)
        }
        mosquitto_subscribe_v5_callback_set(mosq) { _, obj, _, count, granted, _ in
            guard let granted, count > 0 else { return }
            MQTTCallbackContext.from(obj).subscribed(grantedQoS: UnsafeBufferPointer(start: granted, count: Int(count)))
        }
        mosquitto_message_v5_callback_set(mosq) { _, obj, message, _ in
            guard let message else { return }
            _ = MQTTCallbackContext.from(obj).deliver(message)
        }
        mosquitto_publish_v5_callback_set(mosq) { _, obj, _, _, _ in
            MQTTCallbackContext.from(obj).acknowledged.add(1, ordering: .relaxed)
        }
        mosquitto_unsubscribe_v5_callback_set(mosq) { _, obj, _, _ in
            MQTTCallbackContext.from(obj).unsubscribed.add(1, ordering: .relaxed)
        }
        // With a log callback set, libmosquitto formats a debug line for every packet sent or
        // received (two per QoS 1 message, under a mutex); its lines only ever reach `debug`.
        if logger.logLevel <= .debug {
            mosquitto_log_callback_set(mosq) { _, obj, level, text in
                MQTTCallbackContext.from(obj).log(level: level, text)
            }
        }
    }

    // MARK: Service

    /// Runs until graceful shutdown or cancellation, then disconnects.
    public func run() async throws {
        try start()
        try? await gracefulShutdown()
        await stop()
    }

    /// Starts the loop thread (once). For callers that manage the life cycle themselves.
    public func start() throws(MQTTError) {
        guard started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        handle.loopFinished.store(false, ordering: .releasing)
        let thread = Thread { [self] in
            loop()
            handle.loopFinished.store(true, ordering: .releasing)
        }
        thread.name = "mqtt-\(options.clientID.prefix(20))"
        thread.start()
    }

    /// Asks the loop to disconnect and waits up to `timeout` for it. A handler still blocked by
    /// then is left to the process's exit (it will return `.abandon` or never return).
    public func stop(timeout: Duration = .seconds(5)) async {
        guard started.load(ordering: .acquiring) else { return }
        context.stopSignal.set()
        wake.signal()
        let deadline = ContinuousClock.now + timeout
        while !handle.loopFinished.load(ordering: .acquiring) && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if !handle.loopFinished.load(ordering: .acquiring) {
            logger.warning("MQTT loop did not stop in time; a handler is still blocked")
        }
    }

    public var status: MQTTConnectionStatus {
        var s = context.status.withLock { $0 }
        s.messagesReceived = context.received.load(ordering: .relaxed)
        s.published = context.published.load(ordering: .relaxed)
        s.acknowledged = context.acknowledged.load(ordering: .relaxed)
        return s
    }

    // MARK: Publishing

    /// Queues a message; thread-safe. QoS 1/2 messages are kept (and resent after a reconnect)
    /// until the broker acknowledges them: `status.acknowledged` counts those.
    @discardableResult
    public func publish(topic: String, payload: some ContiguousBytes, qos: Int32 = 1, retain: Bool = false) throws(MQTTError) -> Int32 {
        guard !context.stopSignal.isSet else { throw .notRunning }
        var mid: Int32 = 0
        let rc = payload.withUnsafeBytes { raw in
            mosquitto_publish_v5(handle.pointer, &mid, topic, Int32(raw.count), raw.baseAddress, qos, retain, nil)
        }
        guard rc == MOSQ_ERR_SUCCESS.rawValue else { throw .library(code: rc, operation: "publish") }
        context.published.add(1, ordering: .relaxed)
        return mid
    }

    // MARK: The loop thread

    private func loop() {
        let mosq = handle.pointer
        var rc = connect(mosq)
        while !context.stopSignal.isSet && !context.abandoned.load(ordering: .acquiring) {
            if rc == MOSQ_ERR_SUCCESS.rawValue {
                rc = mosquitto_loop(mosq, 100, 1)  // select wakes on traffic; the timeout bounds how late a stop is seen
                continue
            }
            let attempt = context.failedAttempts.add(1, ordering: .relaxed).newValue
            let low = options.reconnectDelay.lowerBound
            let delay = min(options.reconnectDelay.upperBound, low * attempt * attempt)
            let problem = MQTTError.text(for: rc)
            context.status.withLock { $0.lastError = $0.lastError ?? problem }
            logger.log(level: attempt == 1 ? .warning : .debug, "MQTT broker unreachable; retrying",
                       metadata: ["broker": .string("\(options.host):\(options.port)"), "error": .string(problem),
                                  "retry_in_s": .stringConvertible(delay)])
            if wake.wait(timeout: .now() + .seconds(delay)) == .success { continue }
            rc = mosquitto_reconnect(mosq)
        }
        // An abandoned message must stay unacknowledged: close without writing anything more
        // (`mosquitto_destroy` drops queued packets). Otherwise say goodbye properly.
        guard !context.abandoned.load(ordering: .acquiring) else {
            logger.notice("MQTT connection dropped without acknowledging the last message; the broker will redeliver it")
            return
        }
        if options.leaveOnStop && context.status.withLock({ $0.connected }) {
            leave(mosq)
            guard !context.abandoned.load(ordering: .acquiring) else { return }
        }
        var properties: OpaquePointer? = nil
        defer { mosquitto_property_free_all(&properties) }
        if options.leaveOnStop {
            // Session expiry 0 on DISCONNECT: the broker forgets this session now.
            mosquitto_property_add_int32(&properties, Int32(MQTT_PROP_SESSION_EXPIRY_INTERVAL.rawValue), 0)
        }
        if mosquitto_disconnect_v5(mosq, 0, properties) == MOSQ_ERR_SUCCESS.rawValue {
            for _ in 0..<20 {  // until DISCONNECT is written and the socket closed, at most 1 s
                guard mosquitto_loop(mosq, 50, 1) == MOSQ_ERR_SUCCESS.rawValue else { break }
            }
        }
        context.status.withLock { $0.connected = false }
    }

    /// Unsubscribes every filter and keeps handling messages until the broker confirmed (at most
    /// 10 s): whatever it routed here before the UNSUBACK is handled like any other message.
    private func leave(_ mosq: OpaquePointer) {
        let before = context.unsubscribed.load(ordering: .relaxed)
        var sent = 0
        for subscription in options.subscriptions where mosquitto_unsubscribe_v5(mosq, nil, subscription.filter, nil) == MOSQ_ERR_SUCCESS.rawValue {
            sent += 1
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while context.unsubscribed.load(ordering: .relaxed) - before < sent, ContinuousClock.now < deadline,
              !context.abandoned.load(ordering: .acquiring) {
            guard mosquitto_loop(mosq, 100, 1) == MOSQ_ERR_SUCCESS.rawValue else { break }
        }
        logger.notice("MQTT subscriptions left; the session ends with this disconnect",
                      metadata: ["unsubscribed": .stringConvertible(context.unsubscribed.load(ordering: .relaxed) - before)])
    }

    private func connect(_ mosq: OpaquePointer) -> Int32 {
        var properties: OpaquePointer? = nil
        defer { mosquitto_property_free_all(&properties) }
        if options.persistentSession {
            let seconds = UInt32(clamping: options.sessionExpiry.components.seconds)
            mosquitto_property_add_int32(&properties, Int32(MQTT_PROP_SESSION_EXPIRY_INTERVAL.rawValue), seconds)
        }
        let keepAlive = Int32(clamping: options.keepAlive.components.seconds)
        return mosquitto_connect_bind_v5(mosq, options.host, Int32(options.port), keepAlive, nil, properties)
    }
}
