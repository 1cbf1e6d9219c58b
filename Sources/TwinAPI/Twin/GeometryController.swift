import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TwinDomain
import TwinServices

/// Binary glTF for viewers (`model/gltf-binary`, ETag = version + target, `If-None-Match` → 304)
/// and the JSON tile index a viewer streams by viewport.
struct GeometryController {
    let geometry: GeometryService

    static func glb(_ response: GeometryResponse, request: Request) -> Response {
        let headers: HTTPFields = [.eTag: response.etag, .cacheControl: TwinResponse.cacheControl, .contentType: response.contentType]
        if TwinResponse.matches(request.headers[.ifNoneMatch], etag: response.etag) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: response.data)))
    }

    static func tileIndex(_ index: TileIndex) -> JSONValue {
        .object([
            ("model_id", .uuid(index.modelID)), ("version", .integer(index.version)), ("building_id", .uuid(index.buildingID)),
            ("tiles", .array(index.tiles.map { tile in
                .object([("tile_key", .string(tile.tileKey)), ("global_id", .string(tile.globalID)), ("name", .text(tile.name)),
                         ("box", TwinRepresentation.box(tile.box)), ("product_count", .int(tile.productCount)),
                         ("bytes", .int(tile.bytes)), ("floor_id", .uuid(tile.floorID)), ("url", .text(tile.url))])
            })),
        ])
    }

    func addRoutes(to routes: SecuredRouter) {
        let geometry = self.geometry
        let targets: [(String, @Sendable (UUID) -> GeometryTarget)] = [
            ("/v1/floors/:id/geometry.glb", { .floor($0) }),
            ("/v1/spaces/:id/geometry.glb", { .space($0) }),
            ("/v1/assets/:id/geometry.glb", { .asset($0) }),
        ]
        for (path, target) in targets {
            routes.get(path, requires: .requires(.assetsRead)) { request, context in
                let id = try TwinPathParameters.id(context)
                return Self.glb(try await geometry.glb(for: target(id), principal: try context.requirePrincipal()), request: request)
            }
        }
        routes.get("/v1/buildings/:id/geometry.glb", requires: .requires(.assetsRead)) { request, context in
            let box = try TwinQueryParameters(request).box(required: false)
            let id = try TwinPathParameters.id(context)
            return Self.glb(try await geometry.glb(for: .building(id, bbox: box), principal: try context.requirePrincipal()),
                            request: request)
        }
        routes.get("/v1/buildings/:id/tiles", requires: .requires(.assetsRead)) { request, context in
            let (index, etag) = try await geometry.tileIndex(buildingID: try TwinPathParameters.id(context),
                                                             principal: try context.requirePrincipal())
            let headers: HTTPFields = [.eTag: etag, .cacheControl: TwinResponse.cacheControl]
            if TwinResponse.matches(request.headers[.ifNoneMatch], etag: etag) { return Response(status: .notModified, headers: headers) }
            return TwinResponse.json(Self.tileIndex(index), headers: headers)
        }
    }
}
