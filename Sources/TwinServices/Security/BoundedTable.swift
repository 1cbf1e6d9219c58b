import Foundation

/// A dictionary with a size cap that, when full, forgets the entries touched longest ago.
///
/// Eviction drops the oldest eighth at once (one sort per `limit / 8` inserts, so amortised
/// O(log n) per insert) instead of one entry per insert or, as the old throttle did, everything.
struct BoundedTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private var entries: [Key: (value: Value, touched: Date)] = [:]

    var count: Int { entries.count }

    subscript(key: Key) -> Value? { entries[key]?.value }

    mutating func update(_ key: Key, now: Date, limit: Int, _ change: (Value?) -> Value) {
        let value = change(entries[key]?.value)
        if entries[key] == nil, entries.count >= max(limit, 1) { evictOldest(keeping: max(limit, 1)) }
        entries[key] = (value, now)
    }

    mutating func remove(_ key: Key) { entries[key] = nil }

    private mutating func evictOldest(keeping limit: Int) {
        let drop = max(1, entries.count - limit + limit / 8)
        let oldest = entries.sorted { $0.value.touched < $1.value.touched }.prefix(drop).map(\.key)
        for key in oldest { entries[key] = nil }
    }
}
