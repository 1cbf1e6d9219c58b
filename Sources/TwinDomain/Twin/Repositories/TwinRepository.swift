import Foundation

/// The spatial and asset model: scope-filtered reads plus audited writes.
///
/// Reads take the caller's ``AccessScope`` and filter inside the query, so an object outside
/// the scope is indistinguishable from a missing one (`nil` → 404). All methods throw
/// ``RepositoryError``.
public protocol TwinRepository: AuditedStore where Transaction == any TwinTransaction {
    func sites(page: PageRequest, scope: AccessScope) async throws -> Page<Site>
    func site(id: UUID, scope: AccessScope) async throws -> Site?
    func buildings(siteID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<Building>
    func building(id: UUID, scope: AccessScope) async throws -> Building?
    func floors(buildingID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<Floor>
    func floor(id: UUID, scope: AccessScope) async throws -> Floor?
    func spaces(buildingID: UUID?, floorID: UUID?, zoneID: UUID?, text: String?, page: PageRequest,
                scope: AccessScope) async throws -> Page<Space>
    func space(id: UUID, scope: AccessScope) async throws -> Space?
    func zones(buildingID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<Zone>
    func zone(id: UUID, scope: AccessScope) async throws -> Zone?
    func systems(buildingID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<BuildingSystem>
    func system(id: UUID, scope: AccessScope) async throws -> BuildingSystem?
    func assetTypes(siteID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<AssetType>
    func assetType(id: UUID, scope: AccessScope) async throws -> AssetType?
    func assets(_ query: AssetQuery, scope: AccessScope) async throws -> Page<Asset>
    func asset(id: UUID, scope: AccessScope) async throws -> Asset?
    func tree(buildingID: UUID, scope: AccessScope) async throws -> BuildingTree?
    /// What a viewer's navigator needs, as JSON the database builds: the building, its floors with
    /// their spaces, zones and systems, and asset counts per kind at each level; no assets. Nil
    /// when the building is not in scope.
    func outlineJSON(buildingID: UUID, scope: AccessScope) async throws -> String?
    /// Ids of the current (not retired) objects of `kind` in scope whose IFC GlobalId is
    /// `globalID`, in `modelID` when given. One GlobalId can be in several models (the same file
    /// imported for two sites), hence a list.
    func ids(of kind: TwinLookupKind, globalID: String, modelID: UUID?, scope: AccessScope) async throws -> [UUID]

    /// The space whose footprint contains the point's XY and whose floor's height range holds its Z.
    func space(containing point: Point3D, buildingID: UUID, scope: AccessScope) async throws -> Space?
    func assets(_ query: SpatialQuery, filter: SpatialFilter, scope: AccessScope) async throws -> [AssetDistance]
    /// The same hits (`withinDistance`, `insideBox`, `nearest`) as a JSON array of objects holding
    /// only `members` (from ``SpatialHitMember``), built by the database: a 3D viewer asks on every
    /// click and camera move, and assembling full assets per row cost more than the search.
    func assetHitsJSON(_ query: SpatialQuery, filter: SpatialFilter, members: [SpatialHitMember],
                       scope: AccessScope) async throws -> String
    /// Every current asset of the building, unscoped, with the members compact hits show and the
    /// geometry spatial filters test: what an in-memory index is built from (`BuildingReadCache`,
    /// which applies scopes itself). Nil when there is no such building.
    func spatialCatalog(buildingID: UUID) async throws -> SpatialCatalog?

    func models(siteID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<TwinModel>
    func model(id: UUID, scope: AccessScope) async throws -> TwinModel?
    /// The model a re-import of `projectKey` belongs to, among those in scope.
    func model(projectKey: String, scope: AccessScope) async throws -> TwinModel?
    func versions(modelID: UUID, scope: AccessScope) async throws -> [ModelVersion]
    func version(modelID: UUID, number: Int, scope: AccessScope) async throws -> ModelVersion?
    /// Diff between any two committed versions of a model (computed from stored fingerprints).
    func diff(modelID: UUID, from: Int, to: Int, scope: AccessScope) async throws -> ModelDiff?
}
