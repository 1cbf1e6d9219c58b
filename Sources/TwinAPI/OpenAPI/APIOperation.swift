/// One documented route: what `/openapi.json` says about a method and path template.
struct APIOperation: Sendable {
    struct Parameter: Sendable {
        enum Location: String, Sendable { case path, query, header }
        var name: String
        var location: Location
        var required: Bool
        var schema: APISchema
        var description: String
        /// `kind=a&kind=b` style repetition.
        var repeatable = false
    }

    struct Body: Sendable {
        var contentTypes: [(String, APISchema)]
        var description: String
        var required = true
    }

    struct Reply: Sendable {
        var status: String
        var description: String
        var contentTypes: [(String, APISchema)] = []
        var headers: [String] = []
    }

    var method: String
    /// OpenAPI template (`/v1/assets/{id}`), the same text `RouteRegistry` keys use.
    var path: String
    var summary: String
    var tag: String
    var access: RouteAccess
    var feature: APIFeature
    var parameters: [Parameter] = []
    var body: Body?
    var replies: [Reply] = []

    var key: String { "\(method.uppercased()) \(path)" }
}

/// Which part of the application registers a route, so the document describes exactly
/// what this instance serves.
enum APIFeature: Sendable, Hashable {
    case core
    case security
    case benchmark
    case twin
    case imports
    case geometry
    case telemetry
    case ingest
    case alarms
    case webhooks
    case scenarios
    case capacity
    case energy
    case deviceImport
    case reports
}
