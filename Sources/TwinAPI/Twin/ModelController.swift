import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// Imported models, their immutable versions, and diffs between any two versions.
struct ModelController {
    let query: TwinQueryService

    func addRoutes(to routes: SecuredRouter) {
        let query = self.query
        let reads = TwinReadRoutes(routes: routes)
        reads.list("/v1/models", fields: TwinFields.model, represent: TwinRepresentation.model) { parameters, page, principal in
            try await query.models(siteID: try parameters.uuid("site"), page: page, principal: principal)
        }
        reads.single("/v1/models/:id", fields: TwinFields.model, represent: TwinRepresentation.model,
                     etag: { "r\($0.activeVersion ?? 0)-\(Int64($0.updatedAt.timeIntervalSince1970 * 1_000_000))" }) {
            try await query.model(id: $0, principal: $1)
        }
        routes.get("/v1/models/:id/versions", requires: .requires(.assetsRead)) { request, context in
            let fields = try TwinQueryParameters(request).fields(allowed: TwinFields.version)
            guard let versions = try await query.versions(modelID: try TwinPathParameters.id(context),
                                                          principal: try context.requirePrincipal()) else { throw APIError.notFound() }
            return TwinResponse.list(versions.map(TwinRepresentation.version), nextCursor: nil, request: request, fields: fields)
        }
        routes.get("/v1/models/:id/versions/:number", requires: .requires(.assetsRead)) { request, context in
            let fields = try TwinQueryParameters(request).fields(allowed: TwinFields.version)
            guard let version = try await query.version(modelID: try TwinPathParameters.id(context),
                                                        number: try TwinPathParameters.number(context, "number"),
                                                        principal: try context.requirePrincipal()) else { throw APIError.notFound() }
            // Committed versions are immutable.
            return TwinResponse.object(TwinRepresentation.version(version), etag: "v\(version.number)", request: request, fields: fields)
        }
        routes.get("/v1/models/:id/versions/:number/diff/:to", requires: .requires(.assetsRead)) { request, context in
            let from = try TwinPathParameters.number(context, "number"), to = try TwinPathParameters.number(context, "to")
            guard let diff = try await query.diff(modelID: try TwinPathParameters.id(context), from: from, to: to,
                                                  principal: try context.requirePrincipal()) else { throw APIError.notFound() }
            return TwinResponse.object(TwinRepresentation.diff(diff), etag: "d\(from)-\(to)", request: request, fields: nil)
        }
    }
}
