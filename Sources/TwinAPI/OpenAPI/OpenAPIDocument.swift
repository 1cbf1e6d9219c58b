/// Generates the OpenAPI 3.1 document from ``APICatalog`` for the features an instance serves.
enum OpenAPIDocument {
    static let version = "3.1.0"

    static func operations(features: Set<APIFeature>) -> [APIOperation] {
        APICatalog.all.filter { features.contains($0.feature) }
    }

    static func build(features: Set<APIFeature>) -> JSONValue {
        var paths: [(String, [(String, JSONValue)])] = []
        for operation in operations(features: features) {
            let value = self.operation(operation)
            if let index = paths.firstIndex(where: { $0.0 == operation.path }) {
                paths[index].1.append((operation.method, value))
            } else {
                paths.append((operation.path, [(operation.method, value)]))
            }
        }
        let problem = APISchema.object([
            ("type", .string()), ("title", .string()), ("status", .integer()), ("detail", .string()), ("instance", .string()),
            ("request_id", .string()),
            ("errors", .array(.object([("field", .string()), ("message", .string())], required: ["field", "message"]))),
        ], required: ["type", "title", "status"])
        let schemas: [(String, JSONValue)] = [("Problem", problem.json())] + TwinSchemaSamples.schemas.map { ($0.0, $0.1.json()) }
        return .object([
            ("openapi", .string(version)),
            ("info", .object([("title", .string("Atrium")), ("version", .string("1")),
                              ("description", .string("Facility BIM and asset twin: sites, buildings, floors, spaces, racks and devices, model imports and geometry. Errors are RFC 9457 problem documents."))])),
            ("jsonSchemaDialect", .string("https://spec.openapis.org/oas/3.1/dialect/base")),
            ("servers", .array([.object([("url", .string("/"))])])),
            ("paths", .object(paths.sorted { $0.0 < $1.0 }.map { ($0.0, .object($0.1)) })),
            ("components", .object([
                ("schemas", .object(schemas)),
                ("securitySchemes", .object([
                    ("bearerAuth", .object([("type", .string("http")), ("scheme", .string("bearer")), ("bearerFormat", .string("JWT")),
                                            ("description", .string("An access token from /v1/auth/login, or an API key (atr_…)."))])),
                    ("apiKey", .object([("type", .string("apiKey")), ("in", .string("header")), ("name", .string("X-API-Key"))])),
                ])),
            ])),
        ])
    }

    static func operation(_ operation: APIOperation) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("operationId", .string(operationID(operation))), ("summary", .string(operation.summary)),
            ("tags", .array([.string(operation.tag)])),
        ]
        switch operation.access {
        case .public:
            members.append(("security", .array([])))
        case .authenticated, .requires:
            members.append(("security", .array([.object([("bearerAuth", .array([]))]), .object([("apiKey", .array([]))])])))
        }
        if case .requires(let permission) = operation.access {
            members.append(("x-atrium-permission", .string(permission.rawValue)))
        }
        if !operation.parameters.isEmpty {
            members.append(("parameters", .array(operation.parameters.map { parameter in
                var schema = parameter.schema.json()
                if parameter.repeatable { schema = APISchema.array(parameter.schema).json() }
                var p: [(String, JSONValue)] = [("name", .string(parameter.name)), ("in", .string(parameter.location.rawValue)),
                                                ("required", .bool(parameter.required)), ("description", .string(parameter.description)),
                                                ("schema", schema)]
                if parameter.repeatable { p += [("style", .string("form")), ("explode", .bool(true))] }
                return .object(p)
            })))
        }
        if let body = operation.body {
            members.append(("requestBody", .object([
                ("description", .string(body.description)), ("required", .bool(body.required)),
                ("content", .object(body.contentTypes.map { ($0.0, .object([("schema", $0.1.json())])) })),
            ])))
        }
        var replies = operation.replies
        replies.append(APICatalog.problem("500", "Server error; quote the request id."))
        var seen = Set<String>()
        let responses: [(String, JSONValue)] = replies.filter { seen.insert($0.status).inserted }.sorted { $0.status < $1.status }.map { reply in
            var r: [(String, JSONValue)] = [("description", .string(reply.description))]
            if !reply.headers.isEmpty || true {
                r.append(("headers", .object((reply.headers + ["X-Request-ID"]).map {
                    ($0, .object([("schema", APISchema.string().json())]))
                })))
            }
            if !reply.contentTypes.isEmpty {
                r.append(("content", .object(reply.contentTypes.map { ($0.0, .object([("schema", $0.1.json())])) })))
            }
            return (reply.status, .object(r))
        }
        members.append(("responses", .object(responses)))
        return .object(members)
    }

    /// `get /v1/assets/{id}` → `getV1AssetsId`.
    static func operationID(_ operation: APIOperation) -> String {
        var id = operation.method
        for part in operation.path.split(whereSeparator: { "/{}.-_".contains($0) }) where !part.isEmpty {
            id += part.prefix(1).uppercased() + part.dropFirst()
        }
        return id
    }
}
