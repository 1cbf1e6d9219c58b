import Foundation
import Synchronization
import TwinDomain

/// The asset rows capacity reads, per site/building, and the racks' measured power per window,
/// kept between questions so a placement query on a campus answers from memory. Asset rows are
/// trusted only while the twin change feed is listening and are dropped on any change to assets
/// or systems (whoever commits it, as the asset read cache is); measured power is at most
/// `measuredMaxAge` old (its window is hours long).
public final class CapacityRowCache: TwinChangeObserver, Sendable {
    struct Key: Hashable {
        var siteID: UUID?
        var buildingID: UUID?
    }

    struct State {
        var listening = false
        var rows: [Key: (rows: [CapacityAssetRow], systems: [UUID: String], loaded: ContinuousClock.Instant)] = [:]
        var measured: [String: (values: [UUID: (max: Double, p95: Double)], loaded: ContinuousClock.Instant)] = [:]
    }

    let state = Mutex(State())
    let rowsMaxAge: Duration
    let measuredMaxAge: Duration

    public init(rowsMaxAge: Duration = .seconds(300), measuredMaxAge: Duration = .seconds(60)) {
        self.rowsMaxAge = rowsMaxAge
        self.measuredMaxAge = measuredMaxAge
    }

    public func twinChanged(_ event: TwinChangeEvent) {
        state.withLock { state in
            switch event {
            case .changed(let tables):
                if !tables.isDisjoint(with: ["assets", "system_assets", "systems"]) { state.rows.removeAll() }
            case .reset(let listening):
                state.listening = listening
                state.rows.removeAll()
            }
        }
    }

    func rows(siteID: UUID?, buildingID: UUID?) -> (rows: [CapacityAssetRow], systems: [UUID: String])? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard state.listening, let entry = state.rows[Key(siteID: siteID, buildingID: buildingID)],
                  now - entry.loaded < rowsMaxAge else { return nil }
            return (entry.rows, entry.systems)
        }
    }

    func store(rows: [CapacityAssetRow], systems: [UUID: String], siteID: UUID?, buildingID: UUID?, loadedAt: ContinuousClock.Instant) {
        state.withLock { state in
            guard state.listening else { return }
            if state.rows.count >= 16 { state.rows.removeAll() }  // a handful of sites; never unbounded
            state.rows[Key(siteID: siteID, buildingID: buildingID)] = (rows, systems, loadedAt)
        }
    }

    func measured(_ key: String) -> [UUID: (max: Double, p95: Double)]? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard let entry = state.measured[key], now - entry.loaded < measuredMaxAge else { return nil }
            return entry.values
        }
    }

    func store(measured: [UUID: (max: Double, p95: Double)], key: String) {
        state.withLock { state in
            if state.measured.count >= 64 { state.measured.removeAll() }
            state.measured[key] = (measured, ContinuousClock.now)
        }
    }
}
