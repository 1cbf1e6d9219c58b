import Foundation
import TwinDomain

/// What one live connection still has to send, bounded however slowly the client reads.
///
/// Readings are coalesced by point (a slow client gets the newest value of each, never a backlog);
/// other frames (replies, snapshots, alarm and import events) queue in order up to
/// ``maximumQueued``. Past that the queue is dropped and the next batch says `overflowed`, and the
/// connection sends fresh snapshots instead: a client far behind is brought up to date, never
/// disconnected for being busy. Memory is bounded by the points the client watches plus the queue.
public actor LiveOutbox {
    public static let maximumQueued = 1_024

    public struct Batch: Sendable {
        public var frames: [CanonicalJSON]
        /// Frames were dropped: resend snapshots.
        public var overflowed: Bool
    }

    /// Pending frames in arrival order; a reading holds its place and is replaced by newer ones.
    private enum Entry {
        case frame(CanonicalJSON)
        case reading(UUID)
    }

    private var entries: [Entry] = []
    private var latest: [UUID: CanonicalJSON] = [:]
    private var queued = 0
    private var overflowed = false
    private var closed = false
    private var interrupted = false
    private var waiter: CheckedContinuation<Void, Never>?
    /// Readings replaced by a newer one of the same point before they were sent.
    public private(set) var coalesced = 0

    public init() {}

    public func push(_ frame: CanonicalJSON, coalescingKey: UUID? = nil) {
        guard !closed else { return }
        if let key = coalescingKey {
            if latest.updateValue(frame, forKey: key) == nil { entries.append(.reading(key)) } else { coalesced += 1 }
        } else if queued >= Self.maximumQueued {
            entries.removeAll { if case .frame = $0 { true } else { false } }
            queued = 0
            overflowed = true
        } else {
            entries.append(.frame(frame))
            queued += 1
        }
        waiter?.resume()
        waiter = nil
    }

    /// Everything pending, in arrival order, once there is something; nil once closed and empty, or
    /// when ``interrupt()`` released the waiting writer (its connection ended; the outbox lives on).
    public func take() async -> Batch? {
        while entries.isEmpty, !overflowed, !closed, !interrupted {
            await withCheckedContinuation { waiter = $0 }
        }
        if interrupted {
            interrupted = false
            return nil
        }
        if closed, entries.isEmpty, !overflowed { return nil }
        let frames = entries.compactMap { entry -> CanonicalJSON? in
            switch entry {
            case .frame(let frame): frame
            case .reading(let key): latest[key]
            }
        }
        let batch = Batch(frames: frames, overflowed: overflowed)
        entries.removeAll(keepingCapacity: true)
        latest.removeAll(keepingCapacity: true)
        queued = 0
        overflowed = false
        return batch
    }

    /// Releases the writer waiting in ``take()`` (which returns nil) without closing: a live stream
    /// whose connection ended keeps collecting frames for a client that resumes.
    public func interrupt() {
        interrupted = true
        waiter?.resume()
        waiter = nil
    }

    /// A new writer takes over: forget an interruption meant for the previous one.
    public func clearInterrupt() {
        interrupted = false
    }

    /// The next batch says `overflowed`: its writer sends `resync` and fresh snapshots.
    public func requestResync() {
        overflowed = true
        waiter?.resume()
        waiter = nil
    }

    public func close() {
        closed = true
        waiter?.resume()
        waiter = nil
    }

    public var pending: Int { entries.count }
}
