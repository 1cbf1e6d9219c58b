import Foundation
import Hummingbird
import TwinDomain

/// The two shapes most twin reads take: a paginated, projectable list, and one object by id
/// with a revision ETag. Controllers describe a route by its fetch and representation.
struct TwinReadRoutes {
    let routes: SecuredRouter

    func list<T: Sendable>(
        _ path: String, fields allowed: [String], represent: @escaping @Sendable (T) -> JSONValue,
        fetch: @escaping @Sendable (TwinQueryParameters, PageRequest, Principal) async throws -> Page<T>
    ) {
        routes.get(path, requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
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
}
