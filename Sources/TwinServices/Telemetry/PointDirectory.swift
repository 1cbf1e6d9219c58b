import Foundation
import Synchronization
import TelemetryCore
import TwinDomain

/// The live points by id and by external key, for resolving readings at
/// ingest rates without a database round trip per item.
///
/// Loaded from the repository at first use and reloaded when a reading names a point it does not
/// know (at most once per `reloadInterval`, so a flood of unknown keys cannot hammer PostgreSQL),
/// or when this process creates a point.
public final class PointDirectory: Sendable {
    struct Snapshot: Sendable {
        var byID: [UUID: Point] = [:]
        var byExternalKey: [String: [Point]] = [:]
        var topics = PointTopicIndex()
        var loadedAt: ContinuousClock.Instant?
        var attemptedAt: ContinuousClock.Instant?
        /// Increases with every load, so caches built on a snapshot know when to forget.
        var generation = 0
    }

    let repository: any TelemetryRepository
    let reloadInterval: Duration
    private let snapshot = Mutex(Snapshot())

    public init(repository: any TelemetryRepository, reloadInterval: Duration = .seconds(2)) {
        self.repository = repository
        self.reloadInterval = reloadInterval
    }

    /// Loads now if never loaded (or invalidated); else, if `force`, reloads when the last attempt is
    /// older than the interval (attempts, not successes: a database that is down is not asked per reading).
    public func reload(force: Bool = false) async throws {
        let now = ContinuousClock.now
        let due = snapshot.withLock { state in
            if state.loadedAt != nil {
                guard force else { return false }
                if let attempted = state.attemptedAt, now - attempted < reloadInterval { return false }
            }
            state.attemptedAt = now
            return true
        }
        guard due else { return }
        async let loadedPoints = repository.activePoints(siteIDs: nil)
        async let loadedAddresses = repository.activePointAddresses()
        let (points, addresses) = try await (loadedPoints, loadedAddresses)
        var next = Snapshot(loadedAt: now)
        for point in points {
            next.byID[point.id] = point
            if let key = point.externalKey { next.byExternalKey[key, default: []].append(point) }
        }
        next.topics = PointTopicIndex(points: points, addresses: addresses)
        snapshot.withLock { state in
            next.generation = state.generation + 1
            next.attemptedAt = state.attemptedAt
            state = next
        }
    }

    /// `reload` for threads outside Swift concurrency (the MQTT loop). Never call it from a
    /// concurrency thread: it blocks the caller while a task does the load, and on a small pool
    /// that task may need the very thread being blocked. Errors are swallowed: the caller then works with what it has.
    public func reloadBlocking(force: Bool, timeout: Duration = .seconds(10)) {
        let done = DispatchSemaphore(value: 0)
        Task {
            try? await reload(force: force)
            done.signal()
        }
        _ = done.wait(timeout: .now() + .milliseconds(Int(timeout.components.seconds * 1000)))
    }

    /// True before the first load and after `invalidate`.
    public var needsLoad: Bool { snapshot.withLock { $0.loadedAt == nil } }

    /// Changes whenever the directory's contents may have.
    public var generation: Int { snapshot.withLock { $0.generation } }

    /// The point an MQTT topic names (see ``PointTopicIndex``), with the snapshot's generation.
    func resolve(topic: String, captures: [String: String]) -> (PointTopicIndex.Resolution, Point?, Int) {
        snapshot.withLock { state in
            let resolution = state.topics.resolve(topic: topic, captures: captures) { key in
                let candidates = state.byExternalKey[key] ?? []
                return candidates.count == 1 ? candidates[0].id : nil
            }
            guard case .point(let id) = resolution, let point = state.byID[id] else {
                if case .point(let id) = resolution { return (.unknown("point \(id) is retired"), nil, state.generation) }
                return (resolution, nil, state.generation)
            }
            return (resolution, point, state.generation)
        }
    }

    /// Forgets what is loaded (a point was created or changed here).
    public func invalidate() {
        snapshot.withLock {
            $0.loadedAt = nil
            $0.generation += 1
        }
    }

    /// The point a reading names, among those whose site `allows`; an external key shared by
    /// two allowed sites is ambiguous and resolves to nothing.
    func resolve(_ key: PointKey, allows: (Point) -> Bool) -> Point? {
        snapshot.withLock { state in
            switch key {
            case .id(let id):
                return state.byID[id].flatMap { allows($0) ? $0 : nil }
            case .externalKey(let name):
                let candidates = (state.byExternalKey[name] ?? []).filter(allows)
                return candidates.count == 1 ? candidates[0] : nil
            }
        }
    }
}
