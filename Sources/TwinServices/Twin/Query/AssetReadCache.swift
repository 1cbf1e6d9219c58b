import Foundation
import Synchronization
import TwinDomain

/// Assets by id for `GET /v1/assets/{id}`, kept coherent with PostgreSQL by the change feed.
///
/// Why a hit is as good as a database read:
///
/// - **Scope.** Entries are stored unscoped (loaded with ``AccessScope/everything``); every hit
///   applies the caller's ``AccessScope/contains(siteID:buildingID:)``, the same rule the SQL
///   predicate applies to `site_id`/`building_id`. An asset outside the scope is `nil` (404),
///   exactly as before.
/// - **Feed.** Migration 0005 makes every committed statement on `assets` or `system_assets`
///   send `NOTIFY twin_changed`; each ``TwinChangeEvent`` flushes the cache. Until the feed is
///   listening (start-up) and from the moment it loses its connection until it listens again,
///   the cache is bypassed entirely: lookups answer ``Lookup/bypass`` and nothing is inserted.
/// - **Generation.** Every flush bumps a generation. A reader takes a ``Ticket`` before its
///   database read; ``store(_:ticket:)`` refuses the row if the generation moved meanwhile, so a
///   read that raced a change can never put the old row back after that change's flush.
/// - **Own writes.** Writers in this process call ``invalidate()`` after their commit, so the
///   writer's next read misses even before its own notification arrives.
///
/// What remains is the notification's delivery time: another process's commit is seen once its
/// message arrives (on loopback well under a millisecond), the same as a read that began a moment
/// earlier. A `Mutex`, not an actor: the hit path is one dictionary lookup under a lock, no hop.
public final class AssetReadCache: TwinChangeObserver {
    /// The tables whose columns make up an ``Asset`` (the store's asset row); changes to other
    /// tables keep the cache.
    public static let tables: Set<String> = ["assets", "system_assets"]
    public static let defaultCapacity = 20_000
    public static let capacityVariable = "ATRIUM_ASSET_CACHE_SIZE"

    /// The generation a reader saw before it went to the database.
    public struct Ticket: Sendable, Equatable {
        let generation: UInt64
    }

    /// A cached asset and, once someone rendered it, its encoded representation.
    public struct Entry: Sendable {
        public let asset: Asset
        /// Bytes the API derived from exactly this `asset` (see ``attach(body:to:)``).
        public let body: [UInt8]?
        /// Identifies this insertion, so a body is only ever attached to the value it came from.
        let stamp: UInt64
    }

    public enum Lookup: Sendable {
        /// Cached and inside the caller's scope.
        case visible(Entry)
        /// Cached but outside the caller's scope: answer as if missing.
        case invisible
        /// Not cached: read unscoped, ``store(_:ticket:)``, then apply the scope.
        case miss(Ticket)
        /// The cache cannot be trusted right now (feed not listening, or size 0): read as without it.
        case bypass
    }

    public struct Statistics: Sendable, Equatable {
        public var hits = 0
        public var misses = 0
        public var bypasses = 0
        public var refusedInserts = 0
        public var flushes = 0
        public var count = 0
        public var listening = false
    }

    struct State {
        var generation: UInt64 = 0
        var nextStamp: UInt64 = 0
        var listening = false
        var entries: [UUID: Entry] = [:]
        var statistics = Statistics()

        mutating func flush() {
            generation &+= 1
            entries.removeAll(keepingCapacity: true)
            statistics.flushes += 1
        }
    }

    public let capacity: Int
    private let state = Mutex(State())

    /// `capacity` 0 disables the cache (every lookup is a bypass).
    public init(capacity: Int = AssetReadCache.defaultCapacity) {
        self.capacity = max(0, capacity)
    }

    public var statistics: Statistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.count = state.entries.count
            statistics.listening = state.listening
            return statistics
        }
    }

    /// Whether lookups can hit at all (the feed is listening and the size is not 0).
    public var isActive: Bool { capacity > 0 && state.withLock { $0.listening } }

    public func lookup(id: UUID, scope: AccessScope) -> Lookup {
        guard capacity > 0 else { return .bypass }
        return state.withLock { state in
            guard state.listening else {
                state.statistics.bypasses += 1
                return .bypass
            }
            guard let entry = state.entries[id] else {
                state.statistics.misses += 1
                return .miss(Ticket(generation: state.generation))
            }
            state.statistics.hits += 1
            return scope.contains(siteID: entry.asset.siteID, buildingID: entry.asset.buildingID) ? .visible(entry) : .invisible
        }
    }

    /// Inserts an asset read (unscoped) under `ticket`; refused, returning nil, when a flush
    /// happened since the ticket was taken or the feed stopped listening.
    @discardableResult
    public func store(_ asset: Asset, ticket: Ticket) -> Entry? {
        guard capacity > 0 else { return nil }
        return state.withLock { state in
            guard state.listening, state.generation == ticket.generation else {
                state.statistics.refusedInserts += 1
                return nil
            }
            if state.entries[asset.id] == nil, state.entries.count >= capacity {
                // Full: drop one entry in hash order, i.e. an arbitrary one. For a hot working set
                // this behaves like random replacement, at O(1) and without per-hit bookkeeping.
                state.entries.remove(at: state.entries.startIndex)
            }
            state.nextStamp &+= 1
            let entry = Entry(asset: asset, body: nil, stamp: state.nextStamp)
            state.entries[asset.id] = entry
            return entry
        }
    }

    /// Keeps `body` (derived from `entry.asset` alone, never from the caller) with the entry, if
    /// the entry is still the one cached; a flush or a newer insert in between discards it.
    public func attach(body: [UInt8], to entry: Entry) {
        state.withLock { state in
            guard let current = state.entries[entry.asset.id], current.stamp == entry.stamp else { return }
            state.entries[entry.asset.id] = Entry(asset: current.asset, body: body, stamp: current.stamp)
        }
    }

    /// Drops everything and refuses inserts of reads that began before now. Writers in this
    /// process call it after their commit.
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

    /// Reads `ATRIUM_ASSET_CACHE_SIZE` (a count of assets, 0 disables); the default when unset.
    public static func capacity(environment: [String: String]) throws(ConfigurationError) -> Int {
        try CacheCapacity.read(environment, variable: capacityVariable, default: defaultCapacity, counting: "assets")
    }
}
