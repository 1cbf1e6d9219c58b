import CMosquitto
import Foundation

/// A QoS 1 publisher driven by its caller's thread, for load generators and tools.
///
/// ``MQTTConnection`` runs libmosquitto threaded (its subscriber needs that), so each publish from
/// another thread wakes its loop through a socket pair before the packet is written: about five
/// system calls and two thread switches per message, which made the benchmark's publisher the
/// busiest process on a 2-core machine. Unthreaded, `publish` writes the packet at once and
/// ``pump(timeoutMilliseconds:)`` reads the acknowledgements. Not thread-safe: use it from one thread.
public final class MQTTBurstPublisher {
    private let pointer: OpaquePointer
    private let counts: Counts
    public var acknowledged: Int { counts.acknowledged }
    public private(set) var published = 0

    /// Acknowledgements, counted by libmosquitto's callback (on the caller's thread, inside `pump`).
    final class Counts {
        var acknowledged = 0
        var connected = false
    }

    /// Connects (blocking, up to `timeout`); a clean session: what it published is all it tracks.
    public init(options: MQTTClientOptions, timeout: Duration = .seconds(10)) throws(MQTTError) {
        try options.validate()
        MosquittoRuntime.ensureInitialized()
        counts = Counts()
        guard let mosq = mosquitto_new(options.clientID, true, Unmanaged.passUnretained(counts).toOpaque()) else {
            throw .invalidOption("libmosquitto could not create a client")
        }
        pointer = mosq
        func check(_ rc: Int32, _ operation: String) throws(MQTTError) {
            guard rc == MOSQ_ERR_SUCCESS.rawValue else { throw .library(code: rc, operation: operation) }
        }
        do throws(MQTTError) {
            try check(mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5), "protocol version")
            try check(mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1), "TCP_NODELAY")
            if let username = options.username {
                try check(mosquitto_username_pw_set(mosq, username, options.password), "credentials")
            }
            if options.useTLS {
                if let caFile = options.caFile {
                    try check(mosquitto_tls_set(mosq, caFile, nil, nil, nil, nil), "TLS CA file")
                } else {
                    try check(mosquitto_int_option(mosq, MOSQ_OPT_TLS_USE_OS_CERTS, 1), "TLS with the system's CAs")
                }
            }
            mosquitto_connect_v5_callback_set(mosq) { _, obj, rc, _, _ in
                if rc == 0 { Unmanaged<Counts>.fromOpaque(obj!).takeUnretainedValue().connected = true }
            }
            mosquitto_publish_v5_callback_set(mosq) { _, obj, _, _, _ in
                Unmanaged<Counts>.fromOpaque(obj!).takeUnretainedValue().acknowledged += 1
            }
            try check(mosquitto_connect_bind_v5(mosq, options.host, Int32(options.port),
                                                Int32(clamping: options.keepAlive.components.seconds), nil, nil), "connect")
            let deadline = ContinuousClock.now + timeout
            while !counts.connected, ContinuousClock.now < deadline {
                try check(mosquitto_loop(mosq, 100, 1), "connect")
            }
            guard counts.connected else { throw .library(code: MOSQ_ERR_CONN_REFUSED.rawValue, operation: "connect") }
        } catch {
            mosquitto_destroy(mosq)
            throw error
        }
    }

    deinit {
        mosquitto_disconnect(pointer)
        mosquitto_destroy(pointer)
    }

    /// Writes the message now (or queues it behind the broker's receive maximum).
    public func publish(topic: String, payload: some ContiguousBytes, qos: Int32 = 1) throws(MQTTError) {
        let rc = payload.withUnsafeBytes { raw in
            mosquitto_publish_v5(pointer, nil, topic, Int32(raw.count), raw.baseAddress, qos, false, nil)
        }
        guard rc == MOSQ_ERR_SUCCESS.rawValue else { throw .library(code: rc, operation: "publish") }
        published += 1
    }

    /// Reads what the broker sent (acknowledgements) and writes what was queued, waiting up to
    /// `timeoutMilliseconds` for traffic.
    public func pump(timeoutMilliseconds: Int32 = 0) throws(MQTTError) {
        let rc = mosquitto_loop(pointer, timeoutMilliseconds, 1)
        guard rc == MOSQ_ERR_SUCCESS.rawValue else { throw .library(code: rc, operation: "loop") }
    }
}
