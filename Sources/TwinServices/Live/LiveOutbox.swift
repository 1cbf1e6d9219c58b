import Foundation
import Synchronization
import TwinDomain

/// What one live connection still has to send, bounded however slowly the client reads.
///
/// Readings are coalesced by point (a slow client gets the newest value of each, never a backlog;
/// newest by the reading's time, not by arrival: with several servers, a reading ingested here
/// reaches this outbox before an older one ingested elsewhere);
/// other frames (replies, snapshots, alarm and import events) queue in order up to
/// ``maximumQueued``. Past that the queue is dropped and the next batch says `overflowed`, and the
/// connection sends fresh snapshots instead: a client far behind is brought up to date, never
/// disconnected for being busy. Memory is bounded by the points the client watches plus the queue.
///
/// Not an actor: the hub pushes one event into hundreds of outboxes from its own task, and a lock
/// held for an append costs far less than a hop onto each connection's executor. One writer
/// (the connection) takes batches.
public final class LiveOutbox: Sendable {
    public static let maximumQueued = 1_024

    public struct Batch: Sendable {
        public var frames: [LiveFrame]
        /// Frames were dropped: resend snapshots.
        public var overflowed: Bool
    }

    /// Pending frames in arrival order; a reading holds its place and is replaced by newer ones.
    private enum Entry {
        case frame(LiveFrame)
        case reading(UUID)
    }

    private struct State {
        var entries: [Entry] = []
        var latest: [UUID: (frame: LiveFrame, time: Int64)] = [:]
        var queued = 0
        var overflowed = false
        var closed = false
        var interrupted = false
        var waiter: CheckedContinuation<Void, Never>?
        var coalesced = 0

        /// Whether the writer has something to act on (and need not wait).
        var ready: Bool { !entries.isEmpty || overflowed || closed || interrupted }

        mutating func wake() -> CheckedContinuation<Void, Never>? {
            defer { waiter = nil }
            return waiter
        }
    }

    private let state = Mutex<State>(State())

    public init() {}

    public func push(_ frame: CanonicalJSON, coalescingKey: UUID? = nil) {
        push(.json(frame), coalescingKey: coalescingKey)
    }

    /// `time` orders frames of one `coalescingKey`: an older one does not replace a newer one waiting.
    public func push(_ frame: LiveFrame, coalescingKey: UUID? = nil, time: Int64 = .max) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.closed else { return nil }
            if let key = coalescingKey {
                if let waiting = state.latest[key] {
                    state.coalesced += 1
                    if time >= waiting.time { state.latest[key] = (frame, time) }
                } else {
                    state.latest[key] = (frame, time)
                    state.entries.append(.reading(key))
                }
            } else if state.queued >= Self.maximumQueued {
                state.entries.removeAll { if case .frame = $0 { true } else { false } }
                state.queued = 0
                state.overflowed = true
            } else {
                state.entries.append(.frame(frame))
                state.queued += 1
            }
            return state.wake()
        }
        waiter?.resume()
    }

    /// Everything pending, in arrival order, once there is something; nil once closed and empty, or
    /// when ``interrupt()`` released the waiting writer (its connection ended; the outbox lives on).
    public func take() async -> Batch? {
        while true {
            enum Step { case wait, done(Batch?) }
            let step = state.withLock { state -> Step in
                guard state.ready else { return .wait }
                if state.interrupted {
                    state.interrupted = false
                    return .done(nil)
                }
                if state.closed, state.entries.isEmpty, !state.overflowed { return .done(nil) }
                let frames = state.entries.compactMap { entry -> LiveFrame? in
                    switch entry {
                    case .frame(let frame): frame
                    case .reading(let key): state.latest[key]?.frame
                    }
                }
                let batch = Batch(frames: frames, overflowed: state.overflowed)
                state.entries.removeAll(keepingCapacity: true)
                state.latest.removeAll(keepingCapacity: true)
                state.queued = 0
                state.overflowed = false
                return .done(batch)
            }
            if case .done(let batch) = step { return batch }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // Checked again under the lock: a push between the two locks must not be missed.
                let now = state.withLock { state -> Bool in
                    if state.ready { return true }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        }
    }

    /// Releases the writer waiting in ``take()`` (which returns nil) without closing: a live stream
    /// whose connection ended keeps collecting frames for a client that resumes.
    public func interrupt() {
        signal { $0.interrupted = true }
    }

    /// A new writer takes over: forget an interruption meant for the previous one.
    public func clearInterrupt() {
        state.withLock { $0.interrupted = false }
    }

    /// The next batch says `overflowed`: its writer sends `resync` and fresh snapshots.
    public func requestResync() {
        signal { $0.overflowed = true }
    }

    public func close() {
        signal { $0.closed = true }
    }

    /// Changes the state and wakes the waiting writer (outside the lock).
    private func signal(_ change: (inout State) -> Void) {
        state.withLock { state in
            change(&state)
            return state.wake()
        }?.resume()
    }

    public var pending: Int { state.withLock { $0.entries.count } }
    /// Readings replaced by a newer one of the same point before they were sent.
    public var coalesced: Int { state.withLock { $0.coalesced } }
}
