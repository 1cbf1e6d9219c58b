import Foundation

/// The in-process fan-out of live events: services publish, each live
/// connection holds one bounded subscription and filters what it forwards.
///
/// The hub itself knows nothing about callers: every subscriber sees every
/// event, and ``LiveSession`` decides per event and per caller what may leave
/// the process. Keeping the decision in one place is what makes "every message
/// is scope-filtered" hold. Buffers are bounded (newest kept): a slow client
/// loses old events rather than growing the server's memory.
public actor LiveEventHub {
    public static let defaultBufferSize = 256

    private var subscribers: [UUID: AsyncStream<LiveEvent>.Continuation] = [:]

    public init() {}

    /// A new subscription; call ``unsubscribe(_:)`` (or drop the stream) when done.
    public func subscribe(bufferSize: Int = defaultBufferSize) -> (id: UUID, events: AsyncStream<LiveEvent>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: LiveEvent.self, bufferingPolicy: .bufferingNewest(max(1, bufferSize)))
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            Task { await self.unsubscribe(id) }
        }
        subscribers[id] = continuation
        return (id, stream)
    }

    public func unsubscribe(_ id: UUID) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    /// Hands the event to every current subscriber; never blocks on a slow one.
    public func publish(_ event: LiveEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    public var subscriberCount: Int { subscribers.count }
}
