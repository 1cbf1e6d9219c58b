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

    public init(topic: UnsafeRawBufferPointer, payload: UnsafeRawBufferPointer, qos: Int32, retained: Bool) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retained = retained
    }

    /// The topic as text (allocates; for logs and tests, not for the hot path).
    public var topicText: String { String(decoding: topic, as: UTF8.self) }
}
