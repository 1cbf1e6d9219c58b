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
        var loadedAt: ContinuousClock.Instant?
    }

    let repository: any TelemetryRepository
    let reloadInterval: Duration
    private let snapshot = Mutex(Snapshot())

    public init(repository: any TelemetryRepository, reloadInterval: Duration = .seconds(2)) {
        self.repository = repository
        self.reloadInterval = reloadInterval
    }

    /// Reloads now if never loaded, or if `force` and the last load is older than the interval.
    public func reload(force: Bool = false) async throws {
        let now = ContinuousClock.now
        let due = snapshot.withLock { state in
            guard let loaded = state.loadedAt else { return true }
            return force && now - loaded >= reloadInterval
        }
        guard due else { return }
        let points = try await repository.activePoints(siteIDs: nil)
        var next = Snapshot(loadedAt: now)
        for point in points {
            next.byID[point.id] = point
            if let key = point.externalKey { next.byExternalKey[key, default: []].append(point) }
        }
        snapshot.withLock { $0 = next }
    }

    /// Forgets what is loaded (a point was created or changed here).
    public func invalidate() { snapshot.withLock { $0.loadedAt = nil } }

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
