import Foundation

/// The sites and buildings on which a caller holds one permission.
///
/// Queries receive this value and filter inside SQL (`site_id = ANY($1) OR
/// building_id = ANY($2)`), so rows outside the scope are never loaded; objects
/// outside the scope therefore look exactly like missing ones (404).
public struct AccessScope: Sendable, Hashable {
    public var isGlobal: Bool
    public var siteIDs: Set<UUID>
    public var buildingIDs: Set<UUID>

    public init(isGlobal: Bool = false, siteIDs: Set<UUID> = [], buildingIDs: Set<UUID> = []) {
        self.isGlobal = isGlobal
        self.siteIDs = isGlobal ? [] : siteIDs
        self.buildingIDs = isGlobal ? [] : buildingIDs
    }

    public static let everything = AccessScope(isGlobal: true)
    public static let nothing = AccessScope()

    /// True when the caller holds the permission nowhere at all.
    public var isEmpty: Bool { !isGlobal && siteIDs.isEmpty && buildingIDs.isEmpty }

    /// Whether an object located at `siteID`/`buildingID` is visible.
    ///
    /// Objects that belong to no site (users, global settings) need a global
    /// grant. A building grant covers the building and everything inside it,
    /// but not the site itself or its other buildings.
    public func contains(siteID: UUID?, buildingID: UUID? = nil) -> Bool {
        if isGlobal { return true }
        if let siteID, siteIDs.contains(siteID) { return true }
        if let buildingID, buildingIDs.contains(buildingID) { return true }
        return false
    }

    /// Whether a whole target (e.g. one a grant is being made on) lies within the scope.
    public func covers(_ target: GrantTarget) -> Bool {
        switch target {
        case .global: return isGlobal
        case .site(let site): return contains(siteID: site)
        case .building(let building, let site): return contains(siteID: site, buildingID: building)
        }
    }

    mutating func formUnion(_ target: GrantTarget) {
        guard !isGlobal else { return }
        switch target {
        case .global:
            self = .everything
        case .site(let id):
            siteIDs.insert(id)
        case .building(let id, _):
            buildingIDs.insert(id)
        }
    }
}
