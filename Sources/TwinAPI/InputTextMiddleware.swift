import Foundation
import Hummingbird
import TwinDomain

/// Refuses control characters in the request path and query string before any route sees them.
///
/// Every query parameter and path segment of Atrium is an id, a name, a filter or a number, none
/// of which may contain NUL or other C0 controls; PostgreSQL refuses NUL in `text`, and a route
/// that forgot to check used to surface that as a 500. Checking once here names the offending
/// parameter in a 400 for every route, present and future.
public struct InputTextMiddleware: RouterMiddleware {
    public typealias Context = AtriumRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let problem = Self.problem(path: request.uri.path, query: request.uri.query) { throw problem }
        return try await next(request, context)
    }

    static func problem(path: String, query: String?) -> APIError? {
        let decodedPath = path.removingPercentEncoding ?? path
        if let problem = ControlCharacters.problem(in: decodedPath) {
            return APIError(ProblemDetails(status: .badRequest, type: "https://atrium.dev/problems/bad-parameter",
                                           detail: "The path \(problem).", errors: [.init(field: "path", message: problem)]))
        }
        guard let query, !query.isEmpty else { return nil }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if let problem = ControlCharacters.problem(in: name) {
                return TwinQueryParameters.bad(ControlCharacters.escaped(String(name.prefix(64))), "the name \(problem)")
            }
            if let problem = ControlCharacters.problem(in: value) {
                return TwinQueryParameters.bad(String(name.prefix(64)), problem)
            }
        }
        return nil
    }

    /// Form-style decoding (`+` is a space), as the routes read their parameters.
    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
