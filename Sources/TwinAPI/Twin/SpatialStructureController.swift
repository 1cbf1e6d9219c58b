import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// Sites, buildings (with their tree), floors, spaces, zones and systems: read-only, scoped
/// by `assets.read`.
struct SpatialStructureController {
    let query: TwinQueryService

    func addRoutes(to routes: SecuredRouter) {
        let query = self.query
        let reads = TwinReadRoutes(routes: routes)
        reads.list("/v1/sites", fields: TwinFields.site, represent: TwinRepresentation.site) { _, page, principal in
            try await query.sites(page: page, principal: principal)
        }
        reads.single("/v1/sites/:id", fields: TwinFields.site, represent: TwinRepresentation.site, etag: { "r\($0.revision)" }) {
            try await query.site(id: $0, principal: $1)
        }
        reads.list("/v1/buildings", fields: TwinFields.building, represent: TwinRepresentation.building) { parameters, page, principal in
            try await query.buildings(siteID: try parameters.uuid("site"), page: page, principal: principal)
        }
        reads.single("/v1/buildings/:id", fields: TwinFields.building, represent: TwinRepresentation.building,
                     etag: { "r\($0.revision)" }) {
            try await query.building(id: $0, principal: $1)
        }
        reads.byGlobalID("/v1/buildings", kind: .building, fields: TwinFields.building, represent: TwinRepresentation.building,
                         etag: { "r\($0.revision)" }, query: query) { try await query.building(id: $0, principal: $1) }
        reads.byGlobalID("/v1/floors", kind: .floor, fields: TwinFields.floor, represent: TwinRepresentation.floor,
                         etag: { "r\($0.revision)" }, query: query) { try await query.floor(id: $0, principal: $1) }
        reads.byGlobalID("/v1/spaces", kind: .space, fields: TwinFields.space, represent: TwinRepresentation.space,
                         etag: { "r\($0.revision)" }, query: query) { try await query.space(id: $0, principal: $1) }
        routes.get("/v1/buildings/:id/tree", requires: .requires(.assetsRead)) { request, context in
            let id = try TwinPathParameters.id(context)
            let parameters = TwinQueryParameters(request)
            let include = try parameters.string("include")
            let fields = try parameters.fields(allowed: TwinFields.asset)
            if fields != nil, include == nil { throw TwinQueryParameters.bad("fields", "only with include=assets (the outline has no assets)") }
            switch include {
            case nil:
                // The navigator's outline (no assets), as the database wrote it (cached per building).
                guard let outline = try await query.outlineJSON(buildingID: id, principal: try context.requirePrincipal()) else {
                    throw APIError.notFound()
                }
                return TwinResponse.hashed(bytes: outline, request: request)
            case "assets":
                guard let tree = try await query.tree(buildingID: id, principal: try context.requirePrincipal()) else {
                    throw APIError.notFound()
                }
                return TwinResponse.hashed(TwinRepresentation.tree(tree, assetFields: fields), request: request)
            default:
                throw TwinQueryParameters.bad("include", "only 'assets' (the full tree with every asset)")
            }
        }
        reads.list("/v1/floors", fields: TwinFields.floor, represent: TwinRepresentation.floor) { parameters, page, principal in
            try await query.floors(buildingID: try parameters.uuid("building"), page: page, principal: principal)
        }
        reads.single("/v1/floors/:id", fields: TwinFields.floor, represent: TwinRepresentation.floor, etag: { "r\($0.revision)" }) {
            try await query.floor(id: $0, principal: $1)
        }
        reads.list("/v1/spaces", fields: TwinFields.space, represent: TwinRepresentation.space) { parameters, page, principal in
            try await query.spaces(buildingID: try parameters.uuid("building"), floorID: try parameters.uuid("floor"),
                                   zoneID: try parameters.uuid("zone"), text: try parameters.string("q"), page: page,
                                   principal: principal)
        }
        reads.single("/v1/spaces/:id", fields: TwinFields.space, represent: TwinRepresentation.space, etag: { "r\($0.revision)" }) {
            try await query.space(id: $0, principal: $1)
        }
        reads.list("/v1/zones", fields: TwinFields.zone, represent: TwinRepresentation.zone) { parameters, page, principal in
            try await query.zones(buildingID: try parameters.uuid("building"), page: page, principal: principal)
        }
        reads.single("/v1/zones/:id", fields: TwinFields.zone, represent: TwinRepresentation.zone, etag: { "r\($0.revision)" }) {
            try await query.zone(id: $0, principal: $1)
        }
        reads.list("/v1/systems", fields: TwinFields.system, represent: TwinRepresentation.system) { parameters, page, principal in
            try await query.systems(buildingID: try parameters.uuid("building"), page: page, principal: principal)
        }
        reads.single("/v1/systems/:id", fields: TwinFields.system, represent: TwinRepresentation.system,
                     etag: { "r\($0.revision)" }) {
            try await query.system(id: $0, principal: $1)
        }
    }
}
