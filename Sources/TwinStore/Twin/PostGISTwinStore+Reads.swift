import Foundation
import PostgresNIO
import TwinDomain

extension PostGISTwinStore {
    public func sites(page: PageRequest, scope: AccessScope) async throws -> Page<Site> {
        let after = try TwinPageCursor.decodeNameID(page.cursor)
        let items = try await rows("""
            SELECT \(unescaped: TwinRows.site) FROM sites s
            WHERE \(scope: scope, siteColumn: "s.id")
              AND (\(after.name)::text IS NULL OR (s.name, s.id) > (\(after.name)::text, \(after.id)::uuid))
            ORDER BY s.name, s.id LIMIT \(page.limit + 1)
            """, TwinRows.site)
        return namedPage(items, limit: page.limit) { ($0.name, $0.id) }
    }

    public func site(id: UUID, scope: AccessScope) async throws -> Site? {
        try await rows("""
            SELECT \(unescaped: TwinRows.site) FROM sites s WHERE s.id = \(id) AND \(scope: scope, siteColumn: "s.id")
            """, TwinRows.site).first
    }

    public func buildings(siteID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<Building> {
        let after = try TwinPageCursor.decodeNameID(page.cursor)
        let items = try await rows("""
            SELECT \(unescaped: TwinRows.building) FROM buildings b
            WHERE \(scope: scope, siteColumn: "b.site_id", buildingColumn: "b.id") AND b.retired_in_version IS NULL
              AND (\(siteID)::uuid IS NULL OR b.site_id = \(siteID)::uuid)
              AND (\(after.name)::text IS NULL OR (b.name, b.id) > (\(after.name)::text, \(after.id)::uuid))
            ORDER BY b.name, b.id LIMIT \(page.limit + 1)
            """, TwinRows.building)
        return namedPage(items, limit: page.limit) { ($0.name, $0.id) }
    }

    public func building(id: UUID, scope: AccessScope) async throws -> Building? {
        try await rows("""
            SELECT \(unescaped: TwinRows.building) FROM buildings b
            WHERE b.id = \(id) AND \(scope: scope, siteColumn: "b.site_id", buildingColumn: "b.id")
            """, TwinRows.building).first
    }

    public func floors(buildingID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<Floor> {
        let after = try TwinPageCursor.decodeNameID(page.cursor)
        let items = try await rows("""
            SELECT \(unescaped: TwinRows.floor) FROM floors f
            WHERE \(scope: scope, siteColumn: "f.site_id", buildingColumn: "f.building_id") AND f.retired_in_version IS NULL
              AND (\(buildingID)::uuid IS NULL OR f.building_id = \(buildingID)::uuid)
              AND (\(after.name)::text IS NULL OR (f.name, f.id) > (\(after.name)::text, \(after.id)::uuid))
            ORDER BY f.name, f.id LIMIT \(page.limit + 1)
            """, TwinRows.floor)
        return namedPage(items, limit: page.limit) { ($0.name, $0.id) }
    }

    public func floor(id: UUID, scope: AccessScope) async throws -> Floor? {
        try await rows("""
            SELECT \(unescaped: TwinRows.floor) FROM floors f
            WHERE f.id = \(id) AND \(scope: scope, siteColumn: "f.site_id", buildingColumn: "f.building_id")
            """, TwinRows.floor).first
    }

    public func spaces(buildingID: UUID?, floorID: UUID?, zoneID: UUID?, text: String?, page: PageRequest,
                       scope: AccessScope) async throws -> Page<Space> {
        let after = try TwinPageCursor.decodeNameID(page.cursor)
        let pattern = TwinRows.likePattern(text)
        let items = try await rows("""
            SELECT \(unescaped: TwinRows.space) FROM spaces sp
            WHERE \(scope: scope, siteColumn: "sp.site_id", buildingColumn: "sp.building_id") AND sp.retired_in_version IS NULL
              AND (\(buildingID)::uuid IS NULL OR sp.building_id = \(buildingID)::uuid)
              AND (\(floorID)::uuid IS NULL OR sp.floor_id = \(floorID)::uuid)
              AND (\(zoneID)::uuid IS NULL OR EXISTS (
                    SELECT 1 FROM zone_spaces zs WHERE zs.space_id = sp.id AND zs.zone_id = \(zoneID)::uuid))
              AND (\(pattern)::text IS NULL OR (sp.name || ' ' || coalesce(sp.long_name, '') || ' ' || coalesce(sp.source_global_id, '')
                                                 || ' ' || coalesce(sp.source_cobie_name, '')) ILIKE \(pattern)::text)
              AND (\(after.name)::text IS NULL OR (sp.name, sp.id) > (\(after.name)::text, \(after.id)::uuid))
            ORDER BY sp.name, sp.id LIMIT \(page.limit + 1)
            """, TwinRows.space)
        return namedPage(items, limit: page.limit) { ($0.name, $0.id) }
    }

    public func space(id: UUID, scope: AccessScope) async throws -> Space? {
        try await rows("""
            SELECT \(unescaped: TwinRows.space) FROM spaces sp
            WHERE sp.id = \(id) AND \(scope: scope, siteColumn: "sp.site_id", buildingColumn: "sp.building_id")
            """, TwinRows.space).first
    }

    public func zones(buildingID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<Zone> {
        let after = try TwinPageCursor.decodeNameID(page.cursor)
        let items = try await rows("""
            SELECT \(unescaped: TwinRows.zone) FROM zones z
            WHERE \(scope: scope, siteColumn: "z.site_id", buildingColumn: "z.building_id") AND z.retired_in_version IS NULL
              AND (\(buildingID)::uuid IS NULL OR z.building_id = \(buildingID)::uuid)
              AND (\(after.name)::text IS NULL OR (z.name, z.id) > (\(after.name)::text, \(after.id)::uuid))
            ORDER BY z.name, z.id LIMIT \(page.limit + 1)
            """, TwinRows.zone)
        return namedPage(items, limit: page.limit) { ($0.name, $0.id) }
    }

    public func zone(id: UUID, scope: AccessScope) async throws -> Zone? {
        try await rows("""
            SELECT \(unescaped: TwinRows.zone) FROM zones z
            WHERE z.id = \(id) AND \(scope: scope, siteColumn: "z.site_id", buildingColumn: "z.building_id")
            """, TwinRows.zone).first
    }

    public func systems(buildingID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<BuildingSystem> {
        let after = try TwinPageCursor.decodeNameID(page.cursor)
        let items = try await rows("""
            SELECT \(unescaped: TwinRows.system) FROM systems sy
            WHERE \(scope: scope, siteColumn: "sy.site_id", buildingColumn: "sy.building_id") AND sy.retired_in_version IS NULL
              AND (\(buildingID)::uuid IS NULL OR sy.building_id = \(buildingID)::uuid)
              AND (\(after.name)::text IS NULL OR (sy.name, sy.id) > (\(after.name)::text, \(after.id)::uuid))
            ORDER BY sy.name, sy.id LIMIT \(page.limit + 1)
            """, TwinRows.system)
        return namedPage(items, limit: page.limit) { ($0.name, $0.id) }
    }

    public func system(id: UUID, scope: AccessScope) async throws -> BuildingSystem? {
        try await rows("""
            SELECT \(unescaped: TwinRows.system) FROM systems sy
            WHERE sy.id = \(id) AND \(scope: scope, siteColumn: "sy.site_id", buildingColumn: "sy.building_id")
            """, TwinRows.system).first
    }

    public func assetTypes(siteID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<AssetType> {
        let after = try TwinPageCursor.decodeNameID(page.cursor)
        let items = try await rows("""
            SELECT \(unescaped: TwinRows.assetType) FROM asset_types ty
            WHERE \(siteWideScope: scope, siteColumn: "ty.site_id") AND ty.retired_in_version IS NULL
              AND (\(siteID)::uuid IS NULL OR ty.site_id = \(siteID)::uuid)
              AND (\(after.name)::text IS NULL OR (ty.name, ty.id) > (\(after.name)::text, \(after.id)::uuid))
            ORDER BY ty.name, ty.id LIMIT \(page.limit + 1)
            """, TwinRows.assetType)
        return namedPage(items, limit: page.limit) { ($0.name, $0.id) }
    }

    public func assetType(id: UUID, scope: AccessScope) async throws -> AssetType? {
        try await rows("""
            SELECT \(unescaped: TwinRows.assetType) FROM asset_types ty
            WHERE ty.id = \(id) AND \(siteWideScope: scope, siteColumn: "ty.site_id")
            """, TwinRows.assetType).first
    }

    public func assets(_ query: AssetQuery, scope: AccessScope) async throws -> Page<Asset> {
        let after = try TwinPageCursor.decodeNameID(query.page.cursor)
        let pattern = TwinRows.likePattern(query.text)
        let kinds = query.kinds.map(\.rawValue).sorted()
        let items = try await rows("""
            SELECT \(unescaped: TwinRows.asset) FROM assets a
            WHERE \(scope: scope, siteColumn: "a.site_id", buildingColumn: "a.building_id")
              AND (\(query.includeRetired) OR a.retired_in_version IS NULL)
              AND (\(query.siteID)::uuid IS NULL OR a.site_id = \(query.siteID)::uuid)
              AND (\(query.buildingID)::uuid IS NULL OR a.building_id = \(query.buildingID)::uuid)
              AND (\(query.floorID)::uuid IS NULL OR a.floor_id = \(query.floorID)::uuid)
              AND (\(query.spaceID)::uuid IS NULL OR a.space_id = \(query.spaceID)::uuid)
              AND (\(query.typeID)::uuid IS NULL OR a.type_id = \(query.typeID)::uuid)
              AND (\(query.parentID)::uuid IS NULL OR a.parent_id = \(query.parentID)::uuid)
              AND (\(query.systemID)::uuid IS NULL OR EXISTS (
                    SELECT 1 FROM system_assets sa WHERE sa.asset_id = a.id AND sa.system_id = \(query.systemID)::uuid))
              AND (cardinality(\(kinds)::text[]) = 0 OR a.kind = ANY(\(kinds)::text[]))
              AND (cardinality(\(query.globalIDs)::text[]) = 0 OR a.source_global_id = ANY(\(query.globalIDs)::text[]))
              AND (cardinality(\(query.cobieNames)::text[]) = 0 OR a.source_cobie_name = ANY(\(query.cobieNames)::text[]))
              AND (\(pattern)::text IS NULL
                   OR (a.name || ' ' || coalesce(a.tag, '') || ' ' || coalesce(a.serial_number, '') || ' '
                       || coalesce(a.source_global_id, '') || ' ' || coalesce(a.source_cobie_name, '')) ILIKE \(pattern)::text)
              AND (\(after.name)::text IS NULL OR (a.name, a.id) > (\(after.name)::text, \(after.id)::uuid))
            ORDER BY a.name, a.id LIMIT \(query.page.limit + 1)
            """, TwinRows.asset)
        return namedPage(items, limit: query.page.limit) { ($0.name, $0.id) }
    }

    public func ids(of kind: TwinLookupKind, globalID: String, modelID: UUID?, scope: AccessScope) async throws -> [UUID] {
        // Table and columns come from this fixed list, never from the request.
        let (table, building): (String, StaticString) = switch kind {
        case .building: ("buildings", "o.id")
        case .floor: ("floors", "o.building_id")
        case .space: ("spaces", "o.building_id")
        case .asset: ("assets", "o.building_id")
        }
        return try await rows("""
            SELECT o.id FROM \(unescaped: table) o
            WHERE o.source_global_id = \(globalID) AND o.retired_in_version IS NULL
              AND (\(modelID)::uuid IS NULL OR o.model_id = \(modelID)::uuid)
              AND \(scope: scope, siteColumn: "o.site_id", buildingColumn: building)
            ORDER BY o.id LIMIT 20
            """) { try $0.decode(UUID.self) }
    }

    public func asset(id: UUID, scope: AccessScope) async throws -> Asset? {
        try await rows("""
            SELECT \(unescaped: TwinRows.asset) FROM assets a
            WHERE a.id = \(id) AND \(scope: scope, siteColumn: "a.site_id", buildingColumn: "a.building_id")
            """, TwinRows.asset).first
    }

    public func tree(buildingID: UUID, scope: AccessScope) async throws -> BuildingTree? {
        guard let building = try await building(id: buildingID, scope: scope) else { return nil }
        let floors = try await rows("""
            SELECT \(unescaped: TwinRows.floor) FROM floors f
            WHERE f.building_id = \(buildingID) AND f.retired_in_version IS NULL
            ORDER BY f.elevation NULLS LAST, f.name, f.id
            """, TwinRows.floor)
        let spaces = try await rows("""
            SELECT \(unescaped: TwinRows.space) FROM spaces sp
            WHERE sp.building_id = \(buildingID) AND sp.retired_in_version IS NULL ORDER BY sp.name, sp.id
            """, TwinRows.space)
        let assets = try await rows("""
            SELECT \(unescaped: TwinRows.asset) FROM assets a
            WHERE a.building_id = \(buildingID) AND a.retired_in_version IS NULL ORDER BY a.name, a.id
            """, TwinRows.asset)
        return Self.tree(building: building, floors: floors, spaces: spaces, assets: assets)
    }

    /// Nests rows: devices under their rack, top-level assets under their space, else floor, else building.
    static func tree(building: Building, floors: [Floor], spaces: [Space], assets: [Asset]) -> BuildingTree {
        let present = Set(assets.map(\.id))
        var children: [UUID: [Asset]] = [:]
        var topLevel: [Asset] = []
        for asset in assets {
            if let parent = asset.parentID, present.contains(parent) {
                children[parent, default: []].append(asset)
            } else {
                topLevel.append(asset)
            }
        }
        func node(_ asset: Asset) -> BuildingTree.AssetNode {
            BuildingTree.AssetNode(asset: asset, children: (children[asset.id] ?? []).map(node))
        }
        let spaceIDs = Set(spaces.map(\.id)), floorIDs = Set(floors.map(\.id))
        var bySpace: [UUID: [BuildingTree.AssetNode]] = [:]
        var byFloor: [UUID: [BuildingTree.AssetNode]] = [:]
        var loose: [BuildingTree.AssetNode] = []
        for asset in topLevel {
            if let space = asset.spaceID, spaceIDs.contains(space) {
                bySpace[space, default: []].append(node(asset))
            } else if let floor = asset.floorID, floorIDs.contains(floor) {
                byFloor[floor, default: []].append(node(asset))
            } else {
                loose.append(node(asset))
            }
        }
        var spacesByFloor: [UUID: [BuildingTree.SpaceNode]] = [:]
        for space in spaces {
            spacesByFloor[space.floorID, default: []].append(BuildingTree.SpaceNode(space: space, assets: bySpace[space.id] ?? []))
        }
        let floorNodes = floors.map {
            BuildingTree.FloorNode(floor: $0, spaces: spacesByFloor[$0.id] ?? [], assets: byFloor[$0.id] ?? [])
        }
        return BuildingTree(building: building, floors: floorNodes, assets: loose)
    }
}
