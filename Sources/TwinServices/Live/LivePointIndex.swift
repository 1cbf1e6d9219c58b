import Foundation
import Synchronization
import TwinDomain

/// Every live point's place, by store key, for placing readings on the model as they stream:
/// loaded from the store, refreshed when older than `maximumAge` or when a key is missing (a
/// point created since), at most once per `minimumReloadInterval`.
public final class LivePointIndex: Sendable {
    let repository: any TelemetryRepository
    let maximumAge: Duration
    let minimumReloadInterval: Duration
    private let state = Mutex<State>(State())

    struct State {
        var points: [Int64: LivePoint] = [:]
        var loadedAt: ContinuousClock.Instant?
        /// The load in flight, which later callers join instead of starting their own.
        var loading: Task<Void, any Error>?
    }

    public init(repository: any TelemetryRepository, maximumAge: Duration = .seconds(60), minimumReloadInterval: Duration = .seconds(2)) {
        self.repository = repository
        self.maximumAge = maximumAge
        self.minimumReloadInterval = minimumReloadInterval
    }

    private enum Freshness { case fresh, old, unknown }

    /// The places of `keys` (unknown keys are left out).
    public func points(_ keys: some Sequence<Int64>) async throws -> [Int64: LivePoint] {
        let keys = Array(keys)
        let now = ContinuousClock.now
        let (found, freshness) = state.withLock { state -> ([Int64: LivePoint], Freshness) in
            var found: [Int64: LivePoint] = [:]
            var missing = false
            for key in keys {
                if let point = state.points[key] { found[key] = point } else { missing = true }
            }
            guard let loadedAt = state.loadedAt else { return (found, .unknown) }
            let age = now - loadedAt
            if missing && age >= minimumReloadInterval { return (found, .unknown) }
            return (found, age >= maximumAge ? .old : .fresh)
        }
        switch freshness {
        case .fresh:
            return found
        case .old:
            // Places rarely change: answer from what is known while a refresh runs, so readings
            // never wait for a query of every point.
            _ = loading()
            return found
        case .unknown:
            try await reload()
            return state.withLock { state in
                Dictionary(keys.compactMap { key in state.points[key].map { (key, $0) } }, uniquingKeysWith: { a, _ in a })
            }
        }
    }

    /// Every point (for snapshots).
    public func all() async throws -> [LivePoint] {
        _ = try await points([])
        return state.withLock { Array($0.points.values) }
    }

    /// Loads every point again, or joins the load already running.
    public func reload() async throws {
        try await loading().value
    }

    /// The load in flight, started if there is none.
    func loading() -> Task<Void, any Error> {
        state.withLock { state -> Task<Void, any Error> in
            if let running = state.loading { return running }
            // Unstructured on purpose: it belongs to every caller waiting on it, so one caller's
            // cancellation must not fail the others. It ends by itself once the query answers.
            let task = Task { [self] in
                do {
                    let loaded = try await repository.livePoints()
                    let map = Dictionary(loaded.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
                    self.state.withLock { state in
                        state.points = map
                        state.loadedAt = .now
                        state.loading = nil
                    }
                } catch {
                    self.state.withLock { $0.loading = nil }
                    throw error
                }
            }
            state.loading = task
            return task
        }
    }
}
