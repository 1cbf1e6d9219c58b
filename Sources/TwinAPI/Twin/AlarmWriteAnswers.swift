import AlarmCore
import Hummingbird
import TwinServices
import TwinDomain

/// How alarm-rule and webhook writes answer: a refused rule names its field (422), a scope or
/// permission failure is the usual 403/404, a delete of nothing is 404.
enum AlarmWriteAnswers {
    static func created(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as RuleError {
            throw AssetRequestBodies.invalid(error.field, error.reason)
        } catch let error as SecurityError {
            throw APIError(security: error)
        } catch RepositoryError.constraintViolated(let rule) {
            throw AssetRequestBodies.invalid("body", "refused by \(rule)")
        }
    }

    static func deleted(_ body: () async throws -> Bool) async throws -> Response {
        do {
            guard try await body() else { throw APIError.notFound() }
            return Response(status: .noContent)
        } catch let error as SecurityError {
            throw APIError(security: error)
        } catch RepositoryError.notFound {
            throw APIError.notFound()
        }
    }
}
