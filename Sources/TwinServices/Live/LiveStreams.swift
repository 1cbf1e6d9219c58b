import Foundation
import Synchronization
import TwinDomain

/// The live streams of this process by id, so a reconnecting client finds its stream again.
/// Streams are resumable only on the server that holds them (a load balancer should keep a
/// client's WebSocket on one server; elsewhere a resume answers with fresh snapshots).
public final class LiveStreams: Sendable {
    public let retention: Duration
    private let streams = Mutex<[UUID: LiveStream]>([:])

    /// `retention`: the longest a client may ask a stream to be kept (`resumeSeconds`).
    public init(retention: Duration = .seconds(300)) {
        self.retention = retention
    }

    public func register(_ stream: LiveStream) {
        streams.withLock { $0[stream.id] = stream }
    }

    public func remove(_ stream: LiveStream) {
        streams.withLock { _ = $0.removeValue(forKey: stream.id) }
    }

    /// The detached stream `id` for `principal`, now attached again; nil otherwise.
    public func resume(_ id: UUID, principal: Principal) async -> LiveStream? {
        guard let stream = streams.withLock({ $0[id] }) else { return nil }
        return await stream.attach(owner: principal) ? stream : nil
    }

    public var count: Int { streams.withLock { $0.count } }
}
