import Foundation

/// One building's assets for spatial questions in memory, answering exactly what the PostGIS
/// queries answer (`PostGISTwinStore.hitCandidates`): the same filters, the same distances, the
/// same order and ties.
///
/// Why not an R-tree: a building holds at most tens of thousands of assets, and a flat scan of
/// packed boxes (struct of arrays, no pointer chasing) costs microseconds per question, less than
/// one database round trip, with nothing to rebalance. The PostgreSQL GiST indexes still serve the
/// cache's misses and every server that runs without it.
public struct SpatialIndex: Sendable {
    /// What the index needs of an asset: the database's `shape::box3d` and `anchor`.
    public struct Item: Sendable, Hashable {
        public var id: UUID
        public var kind: AssetKind
        public var name: String
        /// The box, else the position as a point box (`shape`); nil when the asset has neither.
        public var extent: Box3D?
        /// The position, else the box centre (`anchor`); what `nearest` measures from.
        public var anchor: Point3D?

        public init(id: UUID, kind: AssetKind, name: String, extent: Box3D?, anchor: Point3D?) {
            self.id = id
            self.kind = kind
            self.name = name
            self.extent = extent
            self.anchor = anchor
        }
    }

    /// A hit: the item's position in the `items` the index was built from, and its distance
    /// (nil for `insideBox`, as in the database's answer).
    public struct Hit: Sendable, Hashable {
        public var item: Int
        public var distance: Double?
    }

    public let items: [Item]
    // Packed copies of the geometry: NaN marks "none" so the scans touch only these arrays.
    private let minX: [Double], minY: [Double], minZ: [Double]
    private let maxX: [Double], maxY: [Double], maxZ: [Double]
    private let anchorX: [Double], anchorY: [Double], anchorZ: [Double]
    /// The id's 16 bytes as two big-endian words: PostgreSQL orders `uuid` bytewise.
    private let idHigh: [UInt64], idLow: [UInt64]
    /// The name's rank in code point order (`ORDER BY name COLLATE "C"`), ties by id after it.
    private let nameRank: [Int]
    /// One bit per kind (its place in `AssetKind.allCases`): a kind filter is a mask test, not a
    /// set lookup per item.
    private let kindBit: [UInt64]

    public init(items: [Item]) {
        self.items = items
        let nan = Double.nan
        minX = items.map { $0.extent?.min.x ?? nan }
        minY = items.map { $0.extent?.min.y ?? nan }
        minZ = items.map { $0.extent?.min.z ?? nan }
        maxX = items.map { $0.extent?.max.x ?? nan }
        maxY = items.map { $0.extent?.max.y ?? nan }
        maxZ = items.map { $0.extent?.max.z ?? nan }
        anchorX = items.map { $0.anchor?.x ?? nan }
        anchorY = items.map { $0.anchor?.y ?? nan }
        anchorZ = items.map { $0.anchor?.z ?? nan }
        let words = items.map { Self.words($0.id) }
        idHigh = words.map(\.0)
        idLow = words.map(\.1)
        let byName = items.indices.sorted { a, b in
            let order = Self.compareUTF8(items[a].name, items[b].name)
            return order != 0 ? order < 0 : words[a] < words[b]
        }
        var rank = [Int](repeating: 0, count: items.count)
        for (position, index) in byName.enumerated() { rank[index] = position }
        nameRank = rank
        kindBit = items.map { Self.bit($0.kind) }
    }

    static func bit(_ kind: AssetKind) -> UInt64 {
        UInt64(1) << UInt64(AssetKind.allCases.firstIndex(of: kind) ?? 63)
    }

    public var count: Int { items.count }

    /// The hits of `query` among items of `kinds` (all when empty) that `include` accepts,
    /// ordered and cut to `limit` as the database does. `insideSpace` needs the spaces' footprints
    /// and is not answered here (empty).
    public func hits(_ query: SpatialQuery, kinds: Set<AssetKind>, limit: Int,
                     include: (Int) -> Bool = { _ in true }) -> [Hit] {
        let limit = Swift.max(1, limit)
        let mask = kinds.isEmpty ? UInt64.max : kinds.reduce(UInt64(0)) { $0 | Self.bit($1) }
        switch query {
        case .withinDistance(let point, let radius):
            guard point.isFinite, radius.isFinite, radius >= 0 else { return [] }
            var top = TopHits(limit: limit)
            for i in items.indices where kindBit[i] & mask != 0 && !minX[i].isNaN {
                // The database's prefilter (`&&&` with the cube around the point) is implied by the
                // exact distance test below, so only the distance is computed.
                let dx = Swift.max(minX[i] - point.x, 0, point.x - maxX[i])
                let dy = Swift.max(minY[i] - point.y, 0, point.y - maxY[i])
                let dz = Swift.max(minZ[i] - point.z, 0, point.z - maxZ[i])
                let distance = (dx * dx + dy * dy + dz * dz).squareRoot()
                guard distance <= radius, top.admits(distance), include(i) else { continue }
                top.offer(Key(first: distance, high: idHigh[i], low: idLow[i]), item: i)
            }
            return top.sorted.map { Hit(item: $0.item, distance: $0.key.first) }
        case .insideBox(let box):
            guard box.isFinite else { return [] }
            var top = TopHits(limit: limit)
            for i in items.indices where kindBit[i] & mask != 0 && !minX[i].isNaN {
                guard minX[i] <= box.max.x, maxX[i] >= box.min.x, minY[i] <= box.max.y, maxY[i] >= box.min.y,
                      minZ[i] <= box.max.z, maxZ[i] >= box.min.z, include(i) else { continue }
                top.offer(Key(first: Double(nameRank[i]), high: 0, low: 0), item: i)
            }
            return top.sorted.map { Hit(item: $0.item, distance: nil) }
        case .nearest(let point, let nearestLimit):
            guard point.isFinite else { return [] }
            var top = TopHits(limit: Swift.max(1, Swift.min(nearestLimit, limit)))
            for i in items.indices where kindBit[i] & mask != 0 && !anchorX[i].isNaN {
                let dx = anchorX[i] - point.x, dy = anchorY[i] - point.y, dz = anchorZ[i] - point.z
                let distance = (dx * dx + dy * dy + dz * dz).squareRoot()
                guard top.admits(distance), include(i) else { continue }
                top.offer(Key(first: distance, high: idHigh[i], low: idLow[i]), item: i)
            }
            return top.sorted.map { Hit(item: $0.item, distance: $0.key.first) }
        case .insideSpace:
            return []
        }
    }

    // MARK: Ordering

    /// Sort key: distance (or name rank) first, then the id bytewise.
    struct Key: Comparable {
        var first: Double
        var high: UInt64
        var low: UInt64

        static func < (a: Key, b: Key) -> Bool {
            if a.first != b.first { return a.first < b.first }
            if a.high != b.high { return a.high < b.high }
            return a.low < b.low
        }
    }

    /// The `limit` smallest keys seen, kept sorted: a question scans every item but keeps at most
    /// `limit` (≤ 1,000) of them, so no full sort of the candidates is ever needed.
    struct TopHits {
        let limit: Int
        private(set) var sorted: [(key: Key, item: Int)] = []

        init(limit: Int) {
            self.limit = limit
            sorted.reserveCapacity(Swift.min(limit, 128))
        }

        /// Whether a key starting with `first` could still enter (a cheap test before the scope check).
        func admits(_ first: Double) -> Bool {
            sorted.count < limit || first <= sorted[sorted.count - 1].key.first
        }

        mutating func offer(_ key: Key, item: Int) {
            if sorted.count == limit {
                guard let last = sorted.last, key < last.key else { return }
                sorted.removeLast()
            }
            var low = 0, high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle].key < key { low = middle + 1 } else { high = middle }
            }
            sorted.insert((key, item), at: low)
        }
    }

    static func words(_ id: UUID) -> (UInt64, UInt64) {
        let u = id.uuid
        let high = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = [u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return (high, low)
    }

    /// Byte order of UTF-8, which is code point order: PostgreSQL's `COLLATE "C"`.
    static func compareUTF8(_ a: String, _ b: String) -> Int {
        var left = a.utf8.makeIterator(), right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }
}
