import HTTPTypes
import Hummingbird

/// An error a handler throws on purpose; it becomes a problem document with its own wording.
public struct APIError: HTTPResponseError, Sendable {
    public let problem: ProblemDetails
    public let headers: HTTPFields

    public var status: HTTPResponse.Status { HTTPResponse.Status(code: problem.status) }

    public init(_ problem: ProblemDetails, headers: HTTPFields = [:]) {
        self.problem = problem
        self.headers = headers
    }

    public init(_ status: HTTPResponse.Status, detail: String? = nil, type: String? = nil) {
        self.init(ProblemDetails(status: status, type: type, detail: detail))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var problem = self.problem
        problem.instance = problem.instance ?? request.uri.path
        let requestID = (context as? AtriumRequestContext)?.requestID
        return problem.response(requestID: requestID, extraHeaders: headers)
    }

    public static func notFound(_ detail: String = "No such resource, or it is outside your scope.") -> APIError {
        APIError(.notFound, detail: detail)
    }
}
