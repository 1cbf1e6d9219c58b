import Foundation
import Hummingbird
import NIOCore
import TwinDomain
import TwinServices

/// Spatial questions in a building's local metres: the space at a point, assets near a
/// point, in a box, nearest of a kind, and in a space.
struct SpatialQueryController {
    let query: TwinQueryService

    static let maximumRadius = 100_000.0
    /// `near` and `in-box` answer at most this many full assets unless `limit` says otherwise
    /// (documented in the OpenAPI document; the answer has no cursor).
    static let defaultHitLimit = 100
    static let defaultNearestLimit = 10

    /// The compact members a request asks for: the default set without `fields`, the named ones
    /// when all are compact members, nil when it needs full assets.
    static func compactMembers(_ fields: Set<String>?) -> [SpatialHitMember]? {
        guard let fields else { return SpatialHitMember.compactDefault }
        let members = SpatialHitMember.allCases.filter { fields.contains($0.rawValue) }
        return members.count == fields.count ? members : nil
    }

    /// `{"items": […], "next_cursor": null}` around the array the index or the database wrote.
    static func compactHits(_ json: [UInt8]?) throws -> Response {
        guard let json else { throw APIError.notFound() }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(json.count + 32)
        buffer.writeString(#"{"items":"#)
        buffer.writeBytes(json)
        buffer.writeString(#","next_cursor":null}"#)
        return Response(status: .ok, headers: [.contentType: TwinResponse.jsonType, .cacheControl: TwinResponse.cacheControl],
                        body: .init(byteBuffer: buffer))
    }

    static func hits(_ hits: [AssetDistance]?, request: Request, fields: Set<String>?) throws -> Response {
        guard let hits else { throw APIError.notFound() }
        return TwinResponse.list(hits.map(TwinRepresentation.assetDistance), nextCursor: nil, request: request, fields: fields)
    }

    func addRoutes(to routes: SecuredRouter) {
        let query = self.query
        routes.get("/v1/buildings/:id/spaces/at", requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
            let fields = try parameters.fields(allowed: TwinFields.space)
            let point = try parameters.point()
            let id = try TwinPathParameters.id(context)
            let principal = try context.requirePrincipal()
            guard try await query.building(id: id, principal: principal) != nil else { throw APIError.notFound() }
            guard let space = try await query.space(containing: point, buildingID: id, principal: principal) else {
                throw APIError.notFound("No space of this building contains the point.")
            }
            return TwinResponse.object(TwinRepresentation.space(space), etag: "r\(space.revision)", request: request, fields: fields)
        }
        routes.get("/v1/buildings/:id/assets/near", requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
            let fields = try parameters.fields(allowed: TwinFields.assetDistance)
            let point = try parameters.point()
            guard let radius = try parameters.double("radius"), radius > 0, radius <= Self.maximumRadius else {
                throw TwinQueryParameters.bad("radius", "must be > 0 and ≤ \(Int(Self.maximumRadius)) metres")
            }
            let filter = SpatialFilter(buildingID: try TwinPathParameters.id(context), kinds: try parameters.kinds(),
                                       limit: try parameters.int("limit", range: 1...PageRequest.maximumLimit) ?? Self.defaultHitLimit)
            let search = SpatialQuery.withinDistance(point: point, radius: radius)
            if let members = Self.compactMembers(fields) {
                return try Self.compactHits(try await query.assetHitsJSON(search, filter: filter, members: members,
                                                                          principal: try context.requirePrincipal()))
            }
            return try Self.hits(try await query.assets(search, filter: filter, principal: try context.requirePrincipal()),
                                 request: request, fields: fields)
        }
        routes.get("/v1/buildings/:id/assets/in-box", requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
            let fields = try parameters.fields(allowed: TwinFields.assetDistance)
            let box = try parameters.box(required: true)!
            let filter = SpatialFilter(buildingID: try TwinPathParameters.id(context), kinds: try parameters.kinds(),
                                       limit: try parameters.int("limit", range: 1...PageRequest.maximumLimit) ?? Self.defaultHitLimit)
            if let members = Self.compactMembers(fields) {
                return try Self.compactHits(try await query.assetHitsJSON(.insideBox(box), filter: filter, members: members,
                                                                          principal: try context.requirePrincipal()))
            }
            return try Self.hits(try await query.assets(.insideBox(box), filter: filter, principal: try context.requirePrincipal()),
                                 request: request, fields: fields)
        }
        routes.get("/v1/buildings/:id/assets/nearest", requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
            let fields = try parameters.fields(allowed: TwinFields.assetDistance)
            let point = try parameters.point()
            let limit = try parameters.int("limit", range: 1...PageRequest.maximumLimit) ?? Self.defaultNearestLimit
            let filter = SpatialFilter(buildingID: try TwinPathParameters.id(context), kinds: try parameters.kinds(), limit: limit)
            if let members = Self.compactMembers(fields) {
                return try Self.compactHits(try await query.assetHitsJSON(.nearest(point: point, limit: limit), filter: filter,
                                                                          members: members, principal: try context.requirePrincipal()))
            }
            return try Self.hits(try await query.assets(.nearest(point: point, limit: limit), filter: filter,
                                                        principal: try context.requirePrincipal()), request: request, fields: fields)
        }
        routes.get("/v1/spaces/:id/assets", requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
            let fields = try parameters.fields(allowed: TwinFields.assetDistance)
            let limit = try parameters.int("limit", range: 1...PageRequest.maximumLimit) ?? Self.defaultHitLimit
            return try Self.hits(try await query.assets(inSpace: try TwinPathParameters.id(context), kinds: try parameters.kinds(),
                                                        limit: limit, principal: try context.requirePrincipal()),
                                 request: request, fields: fields)
        }
    }
}
