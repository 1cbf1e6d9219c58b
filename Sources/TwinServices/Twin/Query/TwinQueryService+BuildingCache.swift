import Foundation
import TwinDomain

extension TwinQueryService {
    /// Compact hits as a JSON array, nil when the building is not in scope: from the building's
    /// in-memory index when the cache is wired and active, else written by PostgreSQL.
    public func assetHitsJSON(_ query: SpatialQuery, filter: SpatialFilter, members: [SpatialHitMember],
                              principal: Principal) async throws -> [UInt8]? {
        let scope = Self.scope(principal)
        if let cache = buildingCache, !Self.isInsideSpace(query) {
            switch cache.spatial(buildingID: filter.buildingID, scope: scope) {
            case .visible(let table):
                return table.hitsJSON(query, filter: filter, members: members, scope: scope)
            case .invisible:
                return nil
            case .miss(let ticket):
                guard let catalog = try await repository.spatialCatalog(buildingID: filter.buildingID) else { return nil }
                let table = SpatialHitTable(catalog: catalog)
                cache.store(spatial: table, ticket: ticket)
                guard scope.contains(siteID: table.siteID, buildingID: table.buildingID) else { return nil }
                return table.hitsJSON(query, filter: filter, members: members, scope: scope)
            case .bypass:
                break
            }
        }
        // Hits are scope-filtered by building, so the building is looked up only when there are
        // none (one round trip, not two).
        let hits = try await repository.assetHitsJSON(query, filter: filter, members: members, scope: scope)
        if hits == "[]", try await repository.building(id: filter.buildingID, scope: scope) == nil { return nil }
        return Array(hits.utf8)
    }

    /// The navigator outline as JSON, nil when the building is not in scope; built by PostgreSQL
    /// once per change of the building when the cache is wired and active.
    public func outlineJSON(buildingID: UUID, principal: Principal) async throws -> [UInt8]? {
        let scope = Self.scope(principal)
        guard let cache = buildingCache else {
            return try await repository.outlineJSON(buildingID: buildingID, scope: scope).map { Array($0.utf8) }
        }
        switch cache.outline(buildingID: buildingID, scope: scope) {
        case .visible(let json):
            return json
        case .invisible:
            return nil
        case .bypass:
            return try await repository.outlineJSON(buildingID: buildingID, scope: scope).map { Array($0.utf8) }
        case .miss(let ticket):
            // Unscoped, so the entry serves every caller; the scope is applied below.
            guard let building = try await repository.building(id: buildingID, scope: .everything),
                  let outline = try await repository.outlineJSON(buildingID: buildingID, scope: .everything) else { return nil }
            let json = Array(outline.utf8)
            cache.store(outline: json, siteID: building.siteID, buildingID: buildingID, ticket: ticket)
            return scope.contains(siteID: building.siteID, buildingID: buildingID) ? json : nil
        }
    }

    static func isInsideSpace(_ query: SpatialQuery) -> Bool {
        if case .insideSpace = query { return true }
        return false
    }
}
