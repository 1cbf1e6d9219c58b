import Hummingbird
import Logging
import TwinDomain
import TwinServices

/// Turns every error a route throws into an `application/problem+json` response.
///
/// It is the one place that decides what a client may learn about a failure: Atrium's own
/// `APIError`s keep their wording, framework errors keep only their status, store errors map to
/// stable statuses, and anything unexpected is logged in full and answered with a bare 500.
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = AtriumRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return Self.response(for: error, request: request, context: context)
        }
    }

    static func response(for error: any Error, request: Request, context: Context) -> Response {
        let path = request.uri.path
        switch error {
        case let error as APIError:
            if let response = try? error.response(from: request, context: context) { return response }
            return ProblemDetails(status: error.status, instance: path).response(requestID: context.requestID)
        case let error as SecurityError:
            let apiError = APIError(security: error)
            if let response = try? apiError.response(from: request, context: context) { return response }
            return ProblemDetails(status: apiError.status, instance: path).response(requestID: context.requestID)
        case let error as RepositoryError:
            return problem(for: error, path: path).response(requestID: context.requestID)
        case let error as HTTPError:
            if error.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return ProblemDetails(status: error.status, detail: frameworkDetail(error.status), instance: path)
                .response(requestID: context.requestID, extraHeaders: error.headers)
        case let error as any HTTPResponseError:
            return ProblemDetails(status: error.status, detail: frameworkDetail(error.status), instance: path)
                .response(requestID: context.requestID)
        default:
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return ProblemDetails(
                status: .internalServerError,
                detail: "The server could not complete the request. Quote the request id when reporting it.",
                instance: path
            ).response(requestID: context.requestID)
        }
    }

    static func problem(for error: RepositoryError, path: String) -> ProblemDetails {
        switch error {
        case .notFound:
            ProblemDetails(status: .notFound, detail: "No such resource, or it is outside your scope.", instance: path)
        case .conflict(let rule):
            ProblemDetails(status: .conflict, detail: "The change conflicts with existing data (\(rule)).", instance: path)
        case .constraintViolated(let rule):
            ProblemDetails(status: .unprocessableContent, detail: "The change breaks a rule (\(rule)).", instance: path)
        case .unavailable(let store):
            ProblemDetails(status: .serviceUnavailable, detail: "The \(store) store is unavailable.", instance: path)
        case .failed:
            ProblemDetails(status: .internalServerError, detail: "A storage operation failed.", instance: path)
        }
    }

    /// Client-safe wording for errors raised by the framework itself (routing, body limits, decoding).
    static func frameworkDetail(_ status: HTTPResponse.Status) -> String? {
        switch status.code {
        case 400: "The request could not be understood; check the body and parameters."
        case 404: "No such resource, or it is outside your scope."
        case 405: "This method is not allowed on this resource."
        case 413: "The request body is too large."
        case 415: "Unsupported content type."
        default: nil
        }
    }
}
