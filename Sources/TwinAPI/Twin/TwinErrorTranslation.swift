import Foundation
import HTTPTypes
import Hummingbird
import TwinDomain
import TwinServices

/// Turns twin service outcomes into problem documents with stable rule names and codes
/// (the shared ProblemMiddleware only knows the generic store errors).
enum TwinErrorTranslation {
    static func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AssetWriteError {
            throw problem(error)
        } catch let error as ImportFailure {
            throw problem(error)
        } catch RepositoryError.conflict(let rule) {
            throw rule == "revision" ? APIError(ProblemDetails(
                status: .preconditionFailed, type: "https://atrium.dev/problems/revision-mismatch",
                detail: "The asset was changed by someone else; fetch it again and retry with its ETag."))
                : ruleProblem(rule, detail: "The change conflicts with existing data.")
        } catch RepositoryError.constraintViolated(let rule) {
            throw ruleProblem(rule, detail: "The change breaks a rule.")
        }
    }

    static func ruleProblem(_ rule: String, detail: String) -> APIError {
        APIError(ProblemDetails(status: .conflict, type: "https://atrium.dev/problems/rule-violated",
                                title: "Rule violated", detail: "\(detail) (\(rule))",
                                errors: [.init(field: "rule", message: rule)]))
    }

    static func problem(_ error: AssetWriteError) -> APIError {
        switch error {
        case .invalid(let problems):
            return APIError(ProblemDetails(
                status: .unprocessableContent, type: "https://atrium.dev/problems/invalid-asset",
                detail: "The asset is not valid: " + problems.joined(separator: "; "),
                errors: problems.map { problem in
                    let field = problem.split(separator: ":", maxSplits: 1).first.map(String.init) ?? "body"
                    return .init(field: field, message: problem)
                }))
        case .ruleViolated(let rule, let detail):
            return ruleProblem(rule, detail: detail)
        case .revisionMismatch(let current):
            return APIError(ProblemDetails(
                status: .preconditionFailed, type: "https://atrium.dev/problems/revision-mismatch",
                detail: "If-Match names an older revision; the asset is at revision \(current)."),
                headers: [.eTag: "\"r\(current)\""])
        case .revisionRequired:
            return APIError(ProblemDetails(
                status: .preconditionRequired, type: "https://atrium.dev/problems/revision-required",
                detail: "Send If-Match with the asset's ETag (\"r<revision>\") so concurrent edits are not lost."))
        }
    }

    static func problem(_ failure: ImportFailure) -> APIError {
        let status: HTTPResponse.Status = switch failure.code {
        case "import.too-large": .contentTooLarge
        case "import.queue-full": .tooManyRequests
        case "import.quota-exceeded": HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
        case "import.model-not-found", "import.site-not-found": .notFound
        case "import.unsupported-format", "import.not-ifc": .unsupportedMediaType
        case "import.internal", "import.staging": .internalServerError
        default: .unprocessableContent
        }
        var errors: [ProblemDetails.FieldProblem] = [.init(field: "code", message: failure.code)]
        if let location = failure.location { errors.append(.init(field: "location", message: location)) }
        return APIError(ProblemDetails(status: status, type: "https://atrium.dev/problems/\(failure.code)",
                                       detail: failure.message, errors: errors),
                        headers: failure.code == "import.queue-full" ? [.retryAfter: "60"] : [:])
    }
}
