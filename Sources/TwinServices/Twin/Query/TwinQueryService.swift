import Foundation
import TwinDomain

/// Every twin read the API offers, scoped by where the caller holds `assets.read`.
///
/// The scope goes into the repository query, so an object outside it comes back as `nil`
/// exactly like a missing one; the API answers both with the same 404.
public struct TwinQueryService: Sendable {
    let repository: any TwinRepository
    let documents: (any BIMDocumentRepository)?
    /// Serves `asset(id:principal:)` when wired (`atrium serve`); nil reads PostgreSQL every time.
    let assetCache: AssetReadCache?
    /// Serves spatial hits and outlines when wired (`atrium serve`); nil asks PostgreSQL every time.
    let buildingCache: BuildingReadCache?

    public init(repository: any TwinRepository, documents: (any BIMDocumentRepository)?, assetCache: AssetReadCache? = nil,
                buildingCache: BuildingReadCache? = nil) {
        self.repository = repository
        self.documents = documents
        self.assetCache = assetCache
        self.buildingCache = buildingCache
    }

    static func scope(_ principal: Principal) -> AccessScope { principal.scope(for: .assetsRead) }

    public func sites(page: PageRequest, principal: Principal) async throws -> Page<Site> {
        try await repository.sites(page: page, scope: Self.scope(principal))
    }

    public func site(id: UUID, principal: Principal) async throws -> Site? {
        try await repository.site(id: id, scope: Self.scope(principal))
    }

    public func buildings(siteID: UUID?, page: PageRequest, principal: Principal) async throws -> Page<Building> {
        try await repository.buildings(siteID: siteID, page: page, scope: Self.scope(principal))
    }

    public func building(id: UUID, principal: Principal) async throws -> Building? {
        try await repository.building(id: id, scope: Self.scope(principal))
    }


    public func tree(buildingID: UUID, principal: Principal) async throws -> BuildingTree? {
        try await repository.tree(buildingID: buildingID, scope: Self.scope(principal))
    }

    public func floors(buildingID: UUID?, page: PageRequest, principal: Principal) async throws -> Page<Floor> {
        try await repository.floors(buildingID: buildingID, page: page, scope: Self.scope(principal))
    }

    public func floor(id: UUID, principal: Principal) async throws -> Floor? {
        try await repository.floor(id: id, scope: Self.scope(principal))
    }

    public func spaces(buildingID: UUID?, floorID: UUID?, zoneID: UUID?, text: String?, page: PageRequest,
                       principal: Principal) async throws -> Page<Space> {
        try await repository.spaces(buildingID: buildingID, floorID: floorID, zoneID: zoneID, text: text, page: page,
                                    scope: Self.scope(principal))
    }

    public func space(id: UUID, principal: Principal) async throws -> Space? {
        try await repository.space(id: id, scope: Self.scope(principal))
    }

    public func zones(buildingID: UUID?, page: PageRequest, principal: Principal) async throws -> Page<Zone> {
        try await repository.zones(buildingID: buildingID, page: page, scope: Self.scope(principal))
    }

    public func zone(id: UUID, principal: Principal) async throws -> Zone? {
        try await repository.zone(id: id, scope: Self.scope(principal))
    }

    public func systems(buildingID: UUID?, page: PageRequest, principal: Principal) async throws -> Page<BuildingSystem> {
        try await repository.systems(buildingID: buildingID, page: page, scope: Self.scope(principal))
    }

    public func system(id: UUID, principal: Principal) async throws -> BuildingSystem? {
        try await repository.system(id: id, scope: Self.scope(principal))
    }

    public func assetTypes(siteID: UUID?, page: PageRequest, principal: Principal) async throws -> Page<AssetType> {
        try await repository.assetTypes(siteID: siteID, page: page, scope: Self.scope(principal))
    }

    public func assetType(id: UUID, principal: Principal) async throws -> AssetType? {
        try await repository.assetType(id: id, scope: Self.scope(principal))
    }

    public func assets(_ query: AssetQuery, principal: Principal) async throws -> Page<Asset> {
        try await repository.assets(query, scope: Self.scope(principal))
    }

    /// Current objects of `kind` in the caller's scope carrying this IFC GlobalId (see
    /// ``TwinRepository/ids(of:globalID:modelID:scope:)``).
    public func ids(of kind: TwinLookupKind, globalID: String, modelID: UUID?, principal: Principal) async throws -> [UUID] {
        try await repository.ids(of: kind, globalID: globalID, modelID: modelID, scope: Self.scope(principal))
    }

    public func asset(id: UUID, principal: Principal) async throws -> Asset? {
        try await assetRead(id: id, principal: principal)?.asset
    }

    /// The BIM document behind an asset in its model's active version; nil when the asset is
    /// invisible, came from no model, or has no document (COBie rows without a GlobalId).
    public func bimDocument(assetID: UUID, principal: Principal) async throws -> EntityDocument? {
        let scope = Self.scope(principal)
        guard let documents, let asset = try await repository.asset(id: assetID, scope: scope),
              let modelID = asset.modelID, let key = asset.source.matchKey,
              let model = try await repository.model(id: modelID, scope: scope),
              let version = model.activeVersion else { return nil }
        return try await documents.entity(globalID: key, in: ModelVersionKey(modelID: modelID, version: version))
    }

    // MARK: Spatial

    public func space(containing point: Point3D, buildingID: UUID, principal: Principal) async throws -> Space? {
        try await repository.space(containing: point, buildingID: buildingID, scope: Self.scope(principal))
    }

    /// Nil when the building is not visible (so the API answers 404 rather than an empty list).
    public func assets(_ query: SpatialQuery, filter: SpatialFilter, principal: Principal) async throws -> [AssetDistance]? {
        let scope = Self.scope(principal)
        guard try await repository.building(id: filter.buildingID, scope: scope) != nil else { return nil }
        return try await repository.assets(query, filter: filter, scope: scope)
    }

    /// Assets in a space (by assignment or position); nil when the space is not visible.
    public func assets(inSpace spaceID: UUID, kinds: Set<AssetKind>, limit: Int, principal: Principal) async throws -> [AssetDistance]? {
        let scope = Self.scope(principal)
        guard let space = try await repository.space(id: spaceID, scope: scope) else { return nil }
        return try await repository.assets(.insideSpace(spaceID), filter: SpatialFilter(buildingID: space.buildingID, kinds: kinds, limit: limit),
                                           scope: scope)
    }

    // MARK: Models

    public func models(siteID: UUID?, page: PageRequest, principal: Principal) async throws -> Page<TwinModel> {
        try await repository.models(siteID: siteID, page: page, scope: Self.scope(principal))
    }

    public func model(id: UUID, principal: Principal) async throws -> TwinModel? {
        try await repository.model(id: id, scope: Self.scope(principal))
    }

    /// Nil when the model is not visible.
    public func versions(modelID: UUID, principal: Principal) async throws -> [ModelVersion]? {
        let scope = Self.scope(principal)
        guard try await repository.model(id: modelID, scope: scope) != nil else { return nil }
        return try await repository.versions(modelID: modelID, scope: scope)
    }

    public func version(modelID: UUID, number: Int, principal: Principal) async throws -> ModelVersion? {
        try await repository.version(modelID: modelID, number: number, scope: Self.scope(principal))
    }

    public func diff(modelID: UUID, from: Int, to: Int, principal: Principal) async throws -> ModelDiff? {
        try await repository.diff(modelID: modelID, from: from, to: to, scope: Self.scope(principal))
    }
}
