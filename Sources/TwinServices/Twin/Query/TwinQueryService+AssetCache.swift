import Foundation
import TwinDomain

extension TwinQueryService {
    /// One asset within the caller's scope, through the read cache when one is wired and active;
    /// nil when missing or outside the scope (the same answer either way).
    public func assetRead(id: UUID, principal: Principal) async throws -> AssetRead? {
        let scope = Self.scope(principal)
        guard let cache = assetCache else {
            return try await repository.asset(id: id, scope: scope).map { AssetRead(asset: $0) }
        }
        switch cache.lookup(id: id, scope: scope) {
        case .visible(let entry):
            return AssetRead(asset: entry.asset, entry: entry, cache: cache)
        case .invisible:
            return nil
        case .bypass:
            return try await repository.asset(id: id, scope: scope).map { AssetRead(asset: $0) }
        case .miss(let ticket):
            // Unscoped, so the entry serves every caller; the scope is applied below, in memory.
            guard let asset = try await repository.asset(id: id, scope: .everything) else { return nil }
            guard scope.contains(siteID: asset.siteID, buildingID: asset.buildingID) else { return nil }
            let entry = cache.store(asset, ticket: ticket)
            return AssetRead(asset: asset, entry: entry, cache: entry == nil ? nil : cache)
        }
    }
}
