import Foundation

/// Where a role or an API key applies.
///
/// A building target also carries its site so that audit rows and scope
/// checks never need a join to find the site of a building grant.
public enum GrantTarget: Sendable, Hashable, Codable {
    case global
    case site(UUID)
    case building(UUID, site: UUID)

    public var siteID: UUID? {
        switch self {
        case .global: return nil
        case .site(let id): return id
        case .building(_, let site): return site
        }
    }

    public var buildingID: UUID? {
        if case .building(let id, _) = self { return id }
        return nil
    }
}
