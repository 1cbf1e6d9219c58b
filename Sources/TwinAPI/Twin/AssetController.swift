import Foundation
import HTTPTypes
import Hummingbird
import TwinDomain
import TwinServices

/// Asset types and assets: filtered lists, single objects with revision ETags, the BIM
/// document, and writes (`assets.write`) with `If-Match` optimistic concurrency.
struct AssetController {
    let query: TwinQueryService
    let assets: AssetService

    static func assetQuery(_ parameters: TwinQueryParameters, page: PageRequest) throws -> AssetQuery {
        var query = AssetQuery(siteID: try parameters.uuid("site"), buildingID: try parameters.uuid("building"),
                               floorID: try parameters.uuid("floor"), spaceID: try parameters.uuid("space"),
                               systemID: try parameters.uuid("system"), typeID: try parameters.uuid("type"),
                               parentID: try parameters.uuid("parent"), kinds: try parameters.kinds(),
                               text: try parameters.string("q"), includeRetired: try parameters.bool("include_retired"), page: page)
        query.globalIDs = try parameters.globalIDs()
        query.cobieNames = try parameters.exactValues("cobie_name")
        return query
    }

    static func created(_ asset: Asset) -> Response {
        TwinResponse.json(TwinRepresentation.asset(asset), status: .created,
                          headers: [.location: "/v1/assets/\(asset.id.uuidString.lowercased())", .eTag: "\"r\(asset.revision)\""])
    }

    func addRoutes(to routes: SecuredRouter) {
        let query = self.query, assets = self.assets
        let reads = TwinReadRoutes(routes: routes)
        reads.list("/v1/asset-types", fields: TwinFields.assetType, represent: TwinRepresentation.assetType) { parameters, page, principal in
            try await query.assetTypes(siteID: try parameters.uuid("site"), page: page, principal: principal)
        }
        reads.single("/v1/asset-types/:id", fields: TwinFields.assetType, represent: TwinRepresentation.assetType,
                     etag: { "r\($0.revision)" }) {
            try await query.assetType(id: $0, principal: $1)
        }
        reads.list("/v1/assets", fields: TwinFields.asset, represent: TwinRepresentation.asset, csv: { parameters, principal in
            try AssetInventoryCSV.response(query: query, assetQuery: try Self.assetQuery(parameters, page: PageRequest(limit: 1_000)),
                                           principal: principal)
        }) { parameters, page, principal in
            try await query.assets(try Self.assetQuery(parameters, page: page), principal: principal)
        }
        reads.byGlobalID("/v1/assets", kind: .asset, fields: TwinFields.asset, represent: TwinRepresentation.asset,
                         etag: { "r\($0.revision)" }, query: query) { try await query.asset(id: $0, principal: $1) }
        // Like `reads.single`, but through the asset read cache and its cached JSON body.
        routes.get("/v1/assets/:id", requires: .requires(.assetsRead)) { request, context in
            let fields = try TwinQueryParameters(request).fields(allowed: TwinFields.asset)
            let id = try TwinPathParameters.id(context)
            guard let read = try await query.assetRead(id: id, principal: try context.requirePrincipal()) else {
                throw APIError.notFound()
            }
            return TwinResponse.asset(read, request: request, fields: fields)
        }
        routes.get("/v1/assets/:id/bim", requires: .requires(.assetsRead)) { request, context in
            let id = try TwinPathParameters.id(context)
            guard let document = try await query.bimDocument(assetID: id, principal: try context.requirePrincipal()) else {
                throw APIError.notFound("No BIM document for this asset (not from a model, or outside your scope).")
            }
            // Documents of a version never change: the version is the tag.
            let tag = "d\(document.key.version)-\(document.key.modelID.uuidString.prefix(8).lowercased())"
            return TwinResponse.object(TwinRepresentation.entityDocument(document), etag: tag, request: request, fields: nil)
        }
        routes.post("/v1/assets", requires: .requires(.assetsWrite)) { request, context in
            let body = try await AssetRequestBodies.decode(AssetRequestBodies.Create.self, from: request)
            let input = try body.value()
            let asset = try await TwinErrorTranslation.translating {
                try await assets.create(input, by: try context.requirePrincipal(), context: context.auditContext(request))
            }
            return Self.created(asset)
        }
        routes.on("/v1/assets/:id", method: .patch, requires: .requires(.assetsWrite)) { request, context in
            let id = try TwinPathParameters.id(context)
            let revision = try TwinResponse.revision(fromIfMatch: request)
            let body = try await AssetRequestBodies.decode(AssetRequestBodies.Patch.self, from: request)
            let asset = try await TwinErrorTranslation.translating {
                try await assets.update(id: id, patch: body.patch, expectedRevision: revision,
                                        by: try context.requirePrincipal(), context: context.auditContext(request))
            }
            return TwinResponse.json(TwinRepresentation.asset(asset), headers: [.eTag: "\"r\(asset.revision)\""])
        }
        routes.delete("/v1/assets/:id", requires: .requires(.assetsWrite)) { request, context in
            let id = try TwinPathParameters.id(context)
            let revision = try TwinResponse.revision(fromIfMatch: request)
            try await TwinErrorTranslation.translating {
                try await assets.delete(id: id, expectedRevision: revision, by: try context.requirePrincipal(),
                                        context: context.auditContext(request))
            }
            return Response(status: .noContent)
        }
    }
}
