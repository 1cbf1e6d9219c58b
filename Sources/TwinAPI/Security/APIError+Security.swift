import Hummingbird
import TwinServices

extension APIError {
    /// The client-facing form of a security outcome; audit reasons stay server-side.
    public init(security error: SecurityError) {
        switch error {
        case .unauthenticated:
            self = AccessGuard.unauthorized()
        case .forbidden:
            self.init(.forbidden, detail: "You do not have the permission this requires.")
        case .notFound:
            self = .notFound()
        case .conflict(let what):
            self.init(.conflict, detail: what)
        case .invalid(let problems):
            self.init(ProblemDetails(status: .unprocessableContent, detail: "The request is not valid.",
                                     errors: problems.map { .init(field: "body", message: $0) }))
        case .throttled(let seconds):
            self.init(ProblemDetails(status: .tooManyRequests, detail: "Too many failed attempts; retry later."),
                      headers: [.retryAfter: String(seconds)])
        }
    }
}
