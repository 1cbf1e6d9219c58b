import Foundation
import TwinDomain

/// One client's live stream: its session (subscriptions, scope), the outbox its events collect
/// in, and the numbering of the frames it was sent. It outlives a dropped connection for
/// ``LiveStreams/retention``, still collecting, so the client can reconnect and resume after the
/// last frame it got (`{"resume": {"stream": id, "after": seq}}`) without missing anything; past
/// the retained frames it gets `resync` and fresh snapshots instead.
public actor LiveStream {
    /// Frames kept for replay (the newest; older ones make a resume fall back to snapshots), and
    /// their bytes at most: kept only once the client asked for a resume window.
    public static let retainedFrames = 2_000
    public static let retainedBytes = 2 << 20

    public nonisolated let id = UUID()
    public nonisolated let session: LiveSession
    public nonisolated var outbox: LiveOutbox { session.route.outbox }
    /// Who may resume it: the principal's kind and id.
    nonisolated let owner: String
    private var sequence: Int64 = 0
    private var sent: [(seq: Int64, text: String)] = []
    private var sentBytes = 0
    /// Whether frames are kept for a resume (the client configured `resumeSeconds`).
    private var retaining = false
    public private(set) var attached = true
    public private(set) var detachedAt: ContinuousClock.Instant?
    /// Closes the current connection (set by it): the stream ends when its credential stops working.
    private var closeConnection: (@Sendable () async -> Void)?

    public init(session: LiveSession, owner: Principal) {
        self.session = session
        self.owner = "\(owner.kind)/\(owner.id)"
    }

    /// The frames' wire texts, numbered in order (one hop for a whole batch).
    public func number(_ frames: [LiveFrame]) -> [String] {
        frames.map { frame in
            sequence += 1
            var text = frame.numbered(sequence)
            if case .json(.object(var members)) = frame, members["subscribed"] != nil {
                members["seq"] = .int(sequence)
                members["stream"] = .string(id.uuidString.lowercased())
                text = CanonicalJSON.object(members).text
            }
            if retaining { keep(sequence, text) }
            return text
        }
    }

    private func keep(_ seq: Int64, _ text: String) {
        sent.append((seq, text))
        sentBytes += text.utf8.count
        guard sent.count > Self.retainedFrames * 2 || sentBytes > Self.retainedBytes else { return }
        var drop = max(0, sent.count - Self.retainedFrames)
        var bytes = sentBytes
        for index in 0..<drop { bytes -= sent[index].text.utf8.count }
        while bytes > Self.retainedBytes / 2, drop < sent.count - 1 {
            bytes -= sent[drop].text.utf8.count
            drop += 1
        }
        sent.removeFirst(drop)
        sentBytes = bytes
    }

    /// Keeps frames for a resume from now on (or stops and forgets them).
    public func retain(_ on: Bool) {
        retaining = on
        if !on {
            sent.removeAll()
            sentBytes = 0
        }
    }

    /// The frames after `seq`, or nil when some of them are no longer kept (or `seq` is in the future).
    public func frames(after seq: Int64) -> [String]? {
        guard seq <= sequence else { return nil }
        let wanted = sent.filter { $0.seq > seq }
        guard wanted.count == Int(sequence - seq) else { return nil }
        return wanted.map(\.text)
    }

    public func connected(closing: @escaping @Sendable () async -> Void) {
        closeConnection = closing
    }

    /// Ends the stream: no more frames, and the connection (if any) is closed.
    public func end() async {
        await outbox.close()
        await closeConnection?()
        closeConnection = nil
    }

    public func detach() {
        closeConnection = nil
        attached = false
        detachedAt = .now
    }

    /// Re-attaches for a client proving the same identity; false when someone else asks or it is attached.
    func attach(owner principal: Principal) -> Bool {
        guard !attached, "\(principal.kind)/\(principal.id)" == owner else { return false }
        attached = true
        detachedAt = nil
        return true
    }
}
