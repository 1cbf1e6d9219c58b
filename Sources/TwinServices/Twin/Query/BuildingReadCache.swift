import Foundation
import Synchronization
import TwinDomain

/// Per building, what a 3D viewer asks for on every click and camera move: the spatial index
/// with its pre-encoded hits (`near`, `in-box`, `nearest`) and the navigator outline (`tree`).
///
/// It keeps the ``AssetReadCache``'s guarantees, for the same reasons:
///
/// - **Scope.** Entries are loaded unscoped; every answer applies the caller's scope (to the
///   building for the outline and for "is it there at all", to each asset for hits), exactly as
///   the SQL does. A building outside the scope is ``Lookup/invisible`` (404).
/// - **Feed.** Migrations 0005 and 0014 make every committed statement on the tables below send
///   `NOTIFY twin_changed`; any of them flushes everything. Without a listening feed (start-up, a
///   lost connection) lookups answer ``Lookup/bypass`` and nothing is stored.
/// - **Generation.** A reader takes a ``Ticket`` before its database read; a flush meanwhile
///   makes ``store(spatial:ticket:)`` and ``store(outline:siteID:buildingID:ticket:)`` refuse the
///   stale value.
/// - **Own writes.** Writers in this process call ``invalidate()`` after their commit.
///
/// Flushing everything on any change is deliberate: imports and edits are rare next to reads,
/// and one rule is easy to trust.
public final class BuildingReadCache: TwinChangeObserver {
    /// Every table the outline or a hit is built from.
    public static let tables: Set<String> = ["assets", "system_assets", "buildings", "floors", "spaces", "zones",
                                             "zone_spaces", "systems"]
    public static let defaultCapacity = 32
    public static let capacityVariable = "ATRIUM_BUILDING_CACHE_SIZE"

    public struct Ticket: Sendable, Equatable {
        let generation: UInt64
    }

    public enum Lookup<Value: Sendable>: Sendable {
        case visible(Value)
        case invisible
        case miss(Ticket)
        case bypass
    }

    public struct Statistics: Sendable, Equatable {
        public var hits = 0
        public var misses = 0
        public var bypasses = 0
        public var refusedInserts = 0
        public var flushes = 0
        public var buildings = 0
        public var listening = false
    }

    struct Outline {
        let siteID: UUID
        let json: [UInt8]
    }

    struct Entry {
        var spatial: SpatialHitTable?
        var outline: Outline?
    }

    struct State {
        var generation: UInt64 = 0
        var listening = false
        var entries: [UUID: Entry] = [:]
        var statistics = Statistics()

        mutating func flush() {
            generation &+= 1
            entries.removeAll(keepingCapacity: true)
            statistics.flushes += 1
        }

        /// Whether a value read under `ticket` may be stored (a refusal is counted).
        mutating func admits(_ ticket: Ticket) -> Bool {
            guard listening, generation == ticket.generation else {
                statistics.refusedInserts += 1
                return false
            }
            return true
        }

        mutating func update(_ buildingID: UUID, capacity: Int, _ change: (inout Entry) -> Void) {
            if entries[buildingID] == nil, entries.count >= capacity {
                entries.remove(at: entries.startIndex)   // arbitrary victim, as in AssetReadCache
            }
            change(&entries[buildingID, default: Entry()])
        }
    }

    public let capacity: Int
    private let state = Mutex(State())

    /// `capacity` (a number of buildings) 0 disables the cache.
    public init(capacity: Int = BuildingReadCache.defaultCapacity) {
        self.capacity = max(0, capacity)
    }

    public var statistics: Statistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.buildings = state.entries.count
            statistics.listening = state.listening
            return statistics
        }
    }

    public func spatial(buildingID: UUID, scope: AccessScope) -> Lookup<SpatialHitTable> {
        lookup(buildingID) { entry in
            entry.spatial.map { (value: $0, visible: scope.contains(siteID: $0.siteID, buildingID: buildingID)) }
        }
    }

    public func outline(buildingID: UUID, scope: AccessScope) -> Lookup<[UInt8]> {
        lookup(buildingID) { entry in
            entry.outline.map { (value: $0.json, visible: scope.contains(siteID: $0.siteID, buildingID: buildingID)) }
        }
    }

    private func lookup<Value>(_ buildingID: UUID, _ pick: (Entry) -> (value: Value, visible: Bool)?) -> Lookup<Value> {
        guard capacity > 0 else { return .bypass }
        return state.withLock { state in
            guard state.listening else {
                state.statistics.bypasses += 1
                return .bypass
            }
            guard let entry = state.entries[buildingID], let found = pick(entry) else {
                state.statistics.misses += 1
                return .miss(Ticket(generation: state.generation))
            }
            state.statistics.hits += 1
            return found.visible ? .visible(found.value) : .invisible
        }
    }

    /// Keeps a building's index loaded (unscoped) under `ticket`; false when refused.
    @discardableResult
    public func store(spatial: SpatialHitTable, ticket: Ticket) -> Bool {
        guard capacity > 0 else { return false }
        return state.withLock { state in
            guard state.admits(ticket) else { return false }
            state.update(spatial.buildingID, capacity: capacity) { $0.spatial = spatial }
            return true
        }
    }

    /// Keeps a building's outline (built unscoped) under `ticket`; false when refused.
    @discardableResult
    public func store(outline json: [UInt8], siteID: UUID, buildingID: UUID, ticket: Ticket) -> Bool {
        guard capacity > 0 else { return false }
        return state.withLock { state in
            guard state.admits(ticket) else { return false }
            state.update(buildingID, capacity: capacity) { $0.outline = Outline(siteID: siteID, json: json) }
            return true
        }
    }

    public func invalidate() {
        state.withLock { $0.flush() }
    }

    public func twinChanged(_ event: TwinChangeEvent) {
        state.withLock { state in
            switch event {
            case .changed(let tables):
                guard !tables.isDisjoint(with: Self.tables) else { return }
                state.flush()
            case .reset(let listening):
                state.flush()
                state.listening = listening
            }
        }
    }

    /// Reads `ATRIUM_BUILDING_CACHE_SIZE` (a count of buildings, 0 disables); the default when unset.
    public static func capacity(environment: [String: String]) throws(ConfigurationError) -> Int {
        try CacheCapacity.read(environment, variable: capacityVariable, default: defaultCapacity, counting: "buildings")
    }
}
