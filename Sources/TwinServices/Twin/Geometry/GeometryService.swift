import Crypto
import Foundation
import IFCGeometry
import Logging
import TwinDomain

/// GLB geometry for viewers: stored storey tiles, and space/asset/building cuts made on demand
/// from the stored original and cached in GridFS per version and target.
///
/// Reads need `assets.read` on the object's site or building; anything outside that scope is
/// reported exactly like a missing object.
public struct GeometryService: Sendable {
    let twin: any TwinRepository
    let documents: any BIMDocumentRepository
    let tiler: StoreyTiler
    let cache: GeometrySceneCache
    let logger: Logger

    public init(twin: any TwinRepository, documents: any BIMDocumentRepository, tiler: StoreyTiler = StoreyTiler(),
                logger: Logger) {
        self.twin = twin
        self.documents = documents
        self.tiler = tiler
        self.cache = GeometrySceneCache()
        self.logger = logger
    }

    /// Where a target's geometry comes from once its scope and model are resolved.
    struct Resolved: Sendable {
        var key: ModelVersionKey
        var tileKey: String
        var selection: SceneSelection
    }

    public func glb(for target: GeometryTarget, principal: Principal) async throws -> GeometryResponse {
        let resolved = try await resolve(target, scope: principal.scope(for: .assetsRead))
        let etag = Self.etag(resolved.key, tileKey: resolved.tileKey)
        if let stored = try await documents.tile(resolved.tileKey, in: resolved.key) {
            return GeometryResponse(data: [UInt8](try await documents.fileData(id: stored.id)), etag: etag)
        }
        let scene = try await scene(of: resolved.key)
        let glb = scene.glb(resolved.selection)
        guard glb.productCount > 0 else { throw RepositoryError.notFound }
        do {
            _ = try await documents.putFile(Data(glb.data), descriptor: StoredFileDescriptor(
                key: resolved.key, kind: .glbTile, filename: "\(resolved.tileKey).glb",
                contentType: GeometryResponse.glbContentType, tileKey: resolved.tileKey))
        } catch {
            logger.warning("geometry tile not cached", metadata: ["tile": .string(resolved.tileKey)])
        }
        return GeometryResponse(data: glb.data, etag: etag)
    }

    /// The storey tiles of a building's model with boxes and URLs; nil-free: 404 when hidden.
    public func tileIndex(buildingID: UUID, principal: Principal) async throws -> (index: TileIndex, etag: String) {
        let scope = principal.scope(for: .assetsRead)
        guard let building = try await twin.building(id: buildingID, scope: scope) else { throw RepositoryError.notFound }
        let key = try await activeKey(modelID: building.modelID, scope: scope)
        var stored: [String: TileIndex.Entry] = [:]
        // The import stores the index as a derived file (it is not a GLB tile).
        if let file = try await documents.files(in: key, kind: .derived).first(where: { $0.descriptor.tileKey == TileIndex.tileKey }),
           let index = try? JSONDecoder().decode(TileIndex.self, from: try await documents.fileData(id: file.id)) {
            for entry in index.tiles { stored[entry.globalID] = entry }
        }
        var entries: [TileIndex.Entry] = []
        var cursor: String?
        repeat {
            let page = try await twin.floors(buildingID: buildingID, page: PageRequest(cursor: cursor, limit: 1000), scope: scope)
            for floor in page.items where floor.retiredInVersion == nil {
                guard let globalID = floor.source.ifcGlobalID else { continue }
                let known = stored[globalID]
                entries.append(TileIndex.Entry(
                    tileKey: StoreyTiler.storeyTileKey(globalID), globalID: globalID, name: floor.name,
                    box: known?.box ?? floor.box, productCount: known?.productCount ?? 0, bytes: known?.bytes ?? 0,
                    floorID: floor.id, url: "/v1/floors/\(floor.id.uuidString.lowercased())/geometry.glb"))
            }
            cursor = page.nextCursor
        } while cursor != nil
        let index = TileIndex(modelID: key.modelID, version: key.version, buildingID: buildingID, tiles: entries)
        return (index, Self.etag(key, tileKey: "index/\(buildingID.uuidString.lowercased())"))
    }

    func resolve(_ target: GeometryTarget, scope: AccessScope) async throws -> Resolved {
        switch target {
        case .floor(let id):
            guard let floor = try await twin.floor(id: id, scope: scope),
                  let globalID = floor.source.ifcGlobalID,
                  let building = try await twin.building(id: floor.buildingID, scope: scope)
            else { throw RepositoryError.notFound }
            let key = try await activeKey(modelID: building.modelID, scope: scope)
            return Resolved(key: key, tileKey: StoreyTiler.storeyTileKey(globalID), selection: .container(globalID))
        case .space(let id):
            guard let space = try await twin.space(id: id, scope: scope),
                  let globalID = space.source.ifcGlobalID,
                  let building = try await twin.building(id: space.buildingID, scope: scope)
            else { throw RepositoryError.notFound }
            let key = try await activeKey(modelID: building.modelID, scope: scope)
            return Resolved(key: key, tileKey: "space/\(globalID)",
                            selection: .predicate { $0.globalId == globalID || $0.containers.contains(globalID) })
        case .asset(let id):
            guard let asset = try await twin.asset(id: id, scope: scope), let globalID = asset.source.ifcGlobalID
            else { throw RepositoryError.notFound }
            let key = try await activeKey(modelID: asset.modelID, scope: scope)
            var members: Set<String> = [globalID]
            if asset.kind == .rack {
                // A rack is drawn with what is mounted in it.
                let page = try await twin.assets(AssetQuery(parentID: asset.id, page: PageRequest(limit: PageRequest.maximumLimit)), scope: scope)
                for child in page.items { if let child = child.source.ifcGlobalID { members.insert(child) } }
            }
            let tileKey = "asset/\(globalID)/" + Self.digest(members.sorted().joined(separator: ","))
            return Resolved(key: key, tileKey: tileKey, selection: .products(members))
        case .building(let id, let bbox):
            guard let building = try await twin.building(id: id, scope: scope), let globalID = building.source.ifcGlobalID
            else { throw RepositoryError.notFound }
            let key = try await activeKey(modelID: building.modelID, scope: scope)
            guard let bbox else {
                return Resolved(key: key, tileKey: "building/\(globalID)", selection: .container(globalID))
            }
            guard bbox.isFinite else { throw RepositoryError.constraintViolated(rule: "bbox") }
            let box = StoreyTiler.bounds(bbox)
            let boxKey = [bbox.min.x, bbox.min.y, bbox.min.z, bbox.max.x, bbox.max.y, bbox.max.z]
                .map { String(format: "%.3f", $0) }.joined(separator: ",")
            return Resolved(key: key, tileKey: "building/\(globalID)/bbox/" + Self.digest(boxKey),
                            selection: .predicate { $0.containers.contains(globalID) && $0.bounds.intersects(box) })
        }
    }

    func activeKey(modelID: UUID?, scope: AccessScope) async throws -> ModelVersionKey {
        guard let modelID, let model = try await twin.model(id: modelID, scope: scope), let version = model.activeVersion,
              model.format.isIFC
        else { throw RepositoryError.notFound }
        return ModelVersionKey(modelID: model.id, version: version)
    }

    func scene(of key: ModelVersionKey) async throws -> IFCGeometryResult {
        let documents = self.documents
        let tiler = self.tiler
        return try await cache.scene(key) {
            guard let original = try await documents.files(in: key, kind: .original).first else {
                throw RepositoryError.notFound
            }
            let temporary = FileManager.default.temporaryDirectory
                .appendingPathComponent("atrium-geometry-\(UUID().uuidString.lowercased())-\(original.descriptor.filename)")
            defer { try? FileManager.default.removeItem(at: temporary) }
            try await documents.writeFile(id: original.id, to: temporary)
            return try await tiler.scene(forIFCAt: temporary)
        }
    }

    static func etag(_ key: ModelVersionKey, tileKey: String) -> String {
        "\"\(key.modelID.uuidString.lowercased().prefix(8))-v\(key.version)-\(digest(tileKey))\""
    }

    static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
