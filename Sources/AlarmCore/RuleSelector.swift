import Foundation

/// Which points a rule watches: one point, or every point matching all the criteria given
/// (quantity, asset kind or type, and a place: space, floor, building or site). When several
/// rules match a point, the most specific wins (``specificity``), so a site-wide default can be
/// overridden for one hall, and that for one rack's point.
public struct RuleSelector: Sendable, Hashable, Codable {
    public var pointID: UUID?
    public var quantity: String?
    public var assetKind: String?
    public var assetTypeID: UUID?
    public var spaceID: UUID?
    public var floorID: UUID?
    public var buildingID: UUID?
    public var siteID: UUID?

    public init(pointID: UUID? = nil, quantity: String? = nil, assetKind: String? = nil, assetTypeID: UUID? = nil,
                spaceID: UUID? = nil, floorID: UUID? = nil, buildingID: UUID? = nil, siteID: UUID? = nil) {
        self.pointID = pointID
        self.quantity = quantity
        self.assetKind = assetKind
        self.assetTypeID = assetTypeID
        self.spaceID = spaceID
        self.floorID = floorID
        self.buildingID = buildingID
        self.siteID = siteID
    }

    /// What a point is, as far as selectors care.
    public struct Facts: Sendable, Hashable {
        public var pointID: UUID
        public var quantity: String
        public var assetKind: String?
        public var assetTypeID: UUID?
        public var spaceID: UUID?
        public var floorID: UUID?
        public var buildingID: UUID?
        public var siteID: UUID

        public init(pointID: UUID, quantity: String, assetKind: String? = nil, assetTypeID: UUID? = nil, spaceID: UUID? = nil,
                    floorID: UUID? = nil, buildingID: UUID? = nil, siteID: UUID) {
            self.pointID = pointID
            self.quantity = quantity
            self.assetKind = assetKind
            self.assetTypeID = assetTypeID
            self.spaceID = spaceID
            self.floorID = floorID
            self.buildingID = buildingID
            self.siteID = siteID
        }
    }

    /// A selector must say something: an empty one would watch every point of every site.
    public func validate() throws(RuleError) {
        guard pointID != nil || quantity != nil || assetKind != nil || assetTypeID != nil || spaceID != nil || floorID != nil
            || buildingID != nil || siteID != nil else {
            throw RuleError(field: "selector", reason: "name a point, or at least one of quantity, asset kind or type, space, floor, building, site")
        }
    }

    public func matches(_ facts: Facts) -> Bool {
        func same<T: Equatable>(_ wanted: T?, _ actual: T?) -> Bool { wanted.map { $0 == actual } ?? true }
        return same(pointID, facts.pointID) && same(quantity, facts.quantity) && same(assetKind, facts.assetKind)
            && same(assetTypeID, facts.assetTypeID) && same(spaceID, facts.spaceID) && same(floorID, facts.floorID)
            && same(buildingID, facts.buildingID) && same(siteID, facts.siteID)
    }

    /// Larger is more specific: a named point beats everything; then the narrowest place (space,
    /// floor, building, site), then asset type, asset kind and quantity. Each level outweighs all
    /// the levels below it together, so the order never depends on how many criteria are set.
    public var specificity: Int {
        var score = 0
        if pointID != nil { score += 1 << 10 }
        if spaceID != nil { score += 1 << 9 } else if floorID != nil { score += 1 << 8 }
        else if buildingID != nil { score += 1 << 7 } else if siteID != nil { score += 1 << 6 }
        if assetTypeID != nil { score += 1 << 5 }
        if assetKind != nil { score += 1 << 4 }
        if quantity != nil { score += 1 << 3 }
        return score
    }

    /// Of `candidates` (id and selector), the one that wins for `facts`: the most specific
    /// match, ties broken by the smaller id so every server picks the same rule.
    public static func winner<ID: Comparable>(for facts: Facts, among candidates: [(id: ID, selector: RuleSelector)]) -> ID? {
        var best: (id: ID, score: Int)?
        for candidate in candidates where candidate.selector.matches(facts) {
            let score = candidate.selector.specificity
            if let current = best, current.score > score || (current.score == score && current.id < candidate.id) { continue }
            best = (candidate.id, score)
        }
        return best?.id
    }
}
