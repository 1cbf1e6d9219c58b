/// One received message, lent to the handler for the duration of its call.
///
/// The buffers point into libmosquitto's memory and are freed when the handler returns: copy
/// what must outlive the call. They are raw bytes, exactly as published; the topic is UTF-8 by
/// MQTT's rules (the broker enforces it), the payload anything.
public struct MQTTMessage {
    public let topic: UnsafeRawBufferPointer
    public let payload: UnsafeRawBufferPointer
    public let qos: Int32
    public let retained: Bool
    let stopSignal: MQTTStopSignal?

    public init(topic: UnsafeRawBufferPointer, payload: UnsafeRawBufferPointer, qos: Int32, retained: Bool) {
        self.init(topic: topic, payload: payload, qos: qos, retained: retained, stopSignal: nil)
    }

    init(topic: UnsafeRawBufferPointer, payload: UnsafeRawBufferPointer, qos: Int32, retained: Bool, stopSignal: MQTTStopSignal?) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retained = retained
        self.stopSignal = stopSignal
    }

    /// True once the connection is stopping: a handler blocked on something (a full store)
    /// should then give up and return `.abandon`. Read it again while waiting; it can change.
    public var shouldStop: Bool { stopSignal?.isSet ?? false }

    /// The topic as text (allocates; for logs and tests, not for the hot path).
    public var topicText: String { String(decoding: topic, as: UTF8.self) }
}
