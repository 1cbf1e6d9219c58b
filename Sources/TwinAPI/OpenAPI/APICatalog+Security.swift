extension APICatalog {
    static let credentials = APISchema.object([("username", .string()), ("password", .string())], required: ["username", "password"])
    static let refreshBody = APISchema.object([("refresh_token", .string())], required: ["refresh_token"])
    static let tokens = APISchema.object([("access_token", .string()), ("token_type", .string()), ("expires_in", .integer()),
                                          ("refresh_token", .string())])
    static let grantBody = APISchema.object([("role", .enumeration(["admin", "facility_manager", "operator", "viewer", "auditor"])),
                                             ("site_id", .uuid), ("building_id", .uuid)], required: ["role"])
    static let user = APISchema.object([("id", .uuid), ("name", .string()), ("disabled", .boolean),
                                        ("grants", .array(.object([("id", .uuid), ("role", .string()), ("site_id", .uuid),
                                                                   ("building_id", .uuid)])))])
    static let apiKey = APISchema.object([("id", .uuid), ("prefix", .string()), ("name", .string()), ("site_id", .uuid),
                                          ("building_id", .uuid), ("permissions", .array(.string())),
                                          ("expires_at", .dateTime), ("revoked", .boolean),
                                          ("key", .string())])
    static let auditRecord = APISchema.freeForm

    static func secured(_ method: String, _ path: String, _ summary: String, tag: String, access: RouteAccess,
                        feature: APIFeature = .security, parameters: [P] = [], body: APISchema? = nil, replies: [R]) -> APIOperation {
        var standard: [R] = []
        // Every JSON body is decoded before anything else: not JSON, or a member of the wrong type, is a 400.
        if body != nil, !replies.contains(where: { $0.status == "400" }) {
            standard.append(problem("400", "Malformed body: not JSON, or a member of the wrong type."))
        }
        if case .public = access {} else { standard.append(problem("401", "Missing or invalid credentials.")) }
        if case .requires = access { standard.append(problem("403", "The permission is held nowhere.")) }
        return APIOperation(method: method, path: path, summary: summary, tag: tag, access: access, feature: feature,
                            parameters: parameters,
                            body: body.map { APIOperation.Body(contentTypes: [("application/json", $0)], description: "JSON body.") },
                            replies: replies + standard)
    }

    static var core: [APIOperation] {
        [
            APIOperation(method: "get", path: "/health/live", summary: "Liveness: the process answers.", tag: "Health",
                         access: .public, feature: .core, replies: [json("200", "Live.", .freeForm)]),
            APIOperation(method: "get", path: "/health/ready", summary: "Readiness: every store answers.", tag: "Health",
                         access: .public, feature: .core,
                         replies: [json("200", "Ready.", .freeForm), problem("503", "A store is down; the problem names it.")]),
            APIOperation(method: "get", path: "/openapi.json", summary: "This document.", tag: "Meta", access: .public,
                         feature: .core, replies: [json("200", "OpenAPI 3.1 document.", .freeForm)]),
            APIOperation(method: "get", path: "/asyncapi.json", summary: "The live WebSocket's frames (`/v1/live`), as an AsyncAPI 3.0 document.",
                         tag: "Meta", access: .public, feature: .core, replies: [json("200", "AsyncAPI 3.0 document.", .freeForm)]),
        ]
    }

    static var security: [APIOperation] {
        let userID = id("id", "user")
        let auditFilters: [P] = [
            query("actor_id", .uuid, "Actor id."), query("actor", .string(), "Actor name."), query("action", .string(), "Action."),
            query("object_kind", .string(), "Object kind."), query("object_id", .string(), "Object id."),
            query("site_id", .uuid, "Site."), query("building_id", .uuid, "Building."),
            query("outcome", .enumeration(["success", "denied", "failure"]), "Outcome."),
            query("from", .string(), "RFC 3339 or Unix seconds."), query("to", .string(), "RFC 3339 or Unix seconds."),
            query("cursor", .string(), "Sequence number to continue before."), query("limit", .integer(minimum: 1, maximum: 1000), "Rows."),
        ]
        return [
            secured("get", "/.well-known/jwks.json", "Public keys that verify access tokens.", tag: "Auth", access: .public,
                    replies: [json("200", "JWK set.", .freeForm)]),
            secured("post", "/v1/auth/login", "Exchange a password for tokens.", tag: "Auth", access: .public, body: credentials,
                    replies: [json("200", "Tokens.", tokens), problem("400", "Malformed body."), problem("401", "Wrong name or password."),
                              problem("429", "Throttled after failed attempts.")]),
            secured("post", "/v1/auth/refresh", "Rotate a refresh token.", tag: "Auth", access: .public, body: refreshBody,
                    replies: [json("200", "Tokens.", tokens), problem("401", "Unknown, expired or reused refresh token.")]),
            secured("post", "/v1/auth/logout", "Revoke a refresh token (idempotent).", tag: "Auth", access: .public, body: refreshBody,
                    replies: [R(status: "204", description: "Revoked."), problem("400", "Malformed body.")]),
            secured("get", "/v1/auth/me", "The caller, its roles and permissions.", tag: "Auth", access: .authenticated,
                    replies: [json("200", "The principal.", .object([("id", .uuid), ("kind", .string()), ("name", .string()),
                                                                     ("roles", .array(.string())), ("permissions", .array(.string()))]))]),
            secured("get", "/v1/users", "Users the caller administers.", tag: "Users", access: .requires(.usersManage),
                    replies: [json("200", "Users.", .object([("items", .array(user))]))]),
            secured("post", "/v1/users", "Create a user, optionally with a first grant.", tag: "Users", access: .requires(.usersManage),
                    body: .object([("name", .string()), ("password", .string()), ("role", .string()), ("site_id", .uuid),
                                   ("building_id", .uuid)], required: ["name", "password"]),
                    replies: [json("201", "Created.", user), problem("409", "Name taken."), problem("422", "Invalid.")]),
            secured("get", "/v1/users/{id}", "One user.", tag: "Users", access: .requires(.usersManage), parameters: [userID],
                    replies: [json("200", "The user.", user), notFound]),
            secured("post", "/v1/users/{id}/password", "Set a user's password.", tag: "Users", access: .requires(.usersManage),
                    parameters: [userID], body: .object([("password", .string())], required: ["password"]),
                    replies: [R(status: "204", description: "Changed."), notFound, problem("422", "Password policy.")]),
            secured("post", "/v1/users/{id}/disable", "Disable a user.", tag: "Users", access: .requires(.usersManage),
                    parameters: [userID], replies: [json("200", "The user.", user), notFound]),
            secured("post", "/v1/users/{id}/enable", "Enable a user.", tag: "Users", access: .requires(.usersManage),
                    parameters: [userID], replies: [json("200", "The user.", user), notFound]),
            secured("post", "/v1/users/{id}/grants", "Grant a role globally, on a site or a building.", tag: "Users",
                    access: .requires(.usersManage), parameters: [userID], body: grantBody,
                    replies: [json("201", "The user.", user), notFound, problem("422", "Invalid grant.")]),
            secured("delete", "/v1/users/{id}/grants/{grant_id}", "Revoke a grant.", tag: "Users", access: .requires(.usersManage),
                    parameters: [userID, id("grant_id", "grant")], replies: [json("200", "The user.", user), notFound]),
            secured("get", "/v1/api-keys", "API keys the caller manages.", tag: "API keys", access: .requires(.apiKeysManage),
                    replies: [json("200", "Keys.", .object([("items", .array(apiKey))]))]),
            secured("post", "/v1/api-keys", "Create an API key (the secret is shown once).", tag: "API keys",
                    access: .requires(.apiKeysManage),
                    body: .object([("name", .string()), ("permissions", .array(.string())), ("site_id", .uuid),
                                   ("building_id", .uuid), ("expires_at", .dateTime)], required: ["name", "permissions"]),
                    replies: [json("201", "Created, with `key`.", apiKey), problem("422", "Invalid.")]),
            secured("delete", "/v1/api-keys/{id}", "Revoke an API key.", tag: "API keys", access: .requires(.apiKeysManage),
                    parameters: [id("id", "key")], replies: [R(status: "204", description: "Revoked."), notFound]),
            secured("get", "/v1/audit", "Audit records in the caller's audit scope, newest first.", tag: "Audit",
                    access: .requires(.auditRead), parameters: auditFilters,
                    replies: [json("200", "Records.", .object([("items", .array(auditRecord)), ("next_cursor", .string())])),
                              problem("400", "Bad filter.")]),
            secured("get", "/v1/audit/export", "Stream audit records as CSV or JSON lines.", tag: "Audit",
                    access: .requires(.auditExport),
                    parameters: [query("format", .enumeration(["csv", "jsonl"]), "Output format (default jsonl).")] + auditFilters,
                    replies: [R(status: "200", description: "The export.", contentTypes: [("text/csv", .string()),
                                                                                           ("application/x-ndjson", .string())]),
                              problem("400", "Bad filter.")]),
            secured("get", "/v1/audit/verify", "Verify the whole audit hash chain.", tag: "Audit", access: .requires(.auditRead),
                    replies: [json("200", "Chain report.", .freeForm), notFound]),
            secured("get", "/v1/live", "Live events (WebSocket upgrade; a plain GET is refused).", tag: "Live",
                    access: .requires(.liveRead),
                    replies: [R(status: "101", description: "Switching to the WebSocket protocol."),
                              problem("426", "Upgrade required: connect with a WebSocket client.")]),
            secured("get", "/v1/bench/open", "Benchmark: unauthenticated baseline.", tag: "Benchmark", access: .public,
                    feature: .benchmark, replies: [json("200", "Fixed body.", .freeForm)]),
            secured("get", "/v1/bench/secured", "Benchmark: authenticated baseline.", tag: "Benchmark",
                    access: .requires(.auditRead), feature: .benchmark, replies: [json("200", "Fixed body.", .freeForm)]),
        ]
    }
}
