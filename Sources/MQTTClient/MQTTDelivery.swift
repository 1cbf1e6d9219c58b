/// What a message handler did with a message, which decides whether it is acknowledged.
public enum MQTTDelivery: Sendable {
    /// Kept (or deliberately discarded): the client acknowledges it.
    case handled
    /// Not kept, and must not be acknowledged: the client drops the connection without sending
    /// anything more, so the broker redelivers the message (and everything after it) to this
    /// session when it reconnects. For a handler that is told to stop while it cannot store.
    case abandon
}
