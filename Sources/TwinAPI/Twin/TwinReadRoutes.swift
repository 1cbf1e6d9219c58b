import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// The two shapes most twin reads take: a paginated, projectable list, and one object by id
/// with a revision ETag. Controllers describe a route by its fetch and representation.
struct TwinReadRoutes {
    let routes: SecuredRouter

    func list<T: Sendable>(
        _ path: String, fields allowed: [String], represent: @escaping @Sendable (T) -> JSONValue,
        csv: (@Sendable (TwinQueryParameters, Principal) async throws -> Response)? = nil,
        fetch: @escaping @Sendable (TwinQueryParameters, PageRequest, Principal) async throws -> Page<T>
    ) {
        routes.get(path, requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
            // `format=csv` (or Accept: text/csv) where the list has a CSV form: every page, streamed.
            if let csv, try parameters.string("format") == "csv" || (request.headers[.accept] ?? "").hasPrefix("text/csv") {
                return try await csv(parameters, try context.requirePrincipal())
            }
            let fields = try parameters.fields(allowed: allowed)
            let page: Page<T>
            do {
                page = try await fetch(parameters, try parameters.page(), try context.requirePrincipal())
            } catch RepositoryError.constraintViolated(let rule) where rule == "page.invalid-cursor" {
                throw TwinQueryParameters.bad("cursor", "not a cursor this list returned")
            }
            return TwinResponse.list(page.items.map(represent), nextCursor: page.nextCursor, request: request, fields: fields)
        }
    }

    func single<T: Sendable>(
        _ path: String, fields allowed: [String], represent: @escaping @Sendable (T) -> JSONValue,
        etag: @escaping @Sendable (T) -> String?,
        fetch: @escaping @Sendable (UUID, Principal) async throws -> T?
    ) {
        routes.get(path, requires: .requires(.assetsRead)) { request, context in
            let fields = try TwinQueryParameters(request).fields(allowed: allowed)
            let id = try TwinPathParameters.id(context)
            guard let value = try await fetch(id, try context.requirePrincipal()) else { throw APIError.notFound() }
            return TwinResponse.object(represent(value), etag: etag(value), request: request, fields: fields)
        }
    }

    /// `GET …/by-global-id/:guid[?model=]`: the object a BIM viewer's selection names, answered
    /// with its body (and `Content-Location`, its canonical URL). Several current objects in scope
    /// can carry one GlobalId (one file imported for two sites): 409 lists them, `model` narrows.
    func byGlobalID<T: Sendable>(
        _ collection: String, kind: TwinLookupKind, fields allowed: [String], represent: @escaping @Sendable (T) -> JSONValue,
        etag: @escaping @Sendable (T) -> String?, query: TwinQueryService,
        fetch: @escaping @Sendable (UUID, Principal) async throws -> T?
    ) {
        routes.get("\(collection)/by-global-id/:guid", requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
            let fields = try parameters.fields(allowed: allowed)
            let modelID = try parameters.uuid("model")
            guard let guid = context.parameters.get("guid"), TwinQueryParameters.isGlobalID(guid) else {
                throw APIError(ProblemDetails(status: .badRequest, type: "https://atrium.dev/problems/bad-parameter",
                                              detail: "Not a GlobalId (1–64 characters of 0-9, A-Z, a-z, _, $, - and braces).",
                                              errors: [.init(field: "guid", message: "not a GlobalId")]))
            }
            let principal = try context.requirePrincipal()
            let ids = try await query.ids(of: kind, globalID: String(guid), modelID: modelID, principal: principal)
            guard let id = ids.first else { throw APIError.notFound() }
            guard ids.count == 1 else {
                throw APIError(ProblemDetails(
                    status: .conflict, type: "https://atrium.dev/problems/global-id.ambiguous",
                    detail: "\(ids.count) current \(kind.rawValue)s carry this GlobalId (in different models); add ?model= to choose.",
                    errors: ids.map { .init(field: "id", message: $0.uuidString.lowercased()) }))
            }
            guard let value = try await fetch(id, principal) else { throw APIError.notFound() }
            var response = TwinResponse.object(represent(value), etag: etag(value), request: request, fields: fields)
            response.headers[.contentLocation] = "\(collection)/\(id.uuidString.lowercased())"
            return response
        }
    }
}
