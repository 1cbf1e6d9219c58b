import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TwinDomain
import TwinServices
@testable import TwinAPI

/// Every registered route × every caller, with the status an auditor should expect.
///
/// Columns: anonymous, admin (global), adminA (admin of site A), fmA (facility
/// manager of A), viewerA, auditor (global), auditorA (auditor of A).
/// 401 = no/bad credentials, 403 = permission held nowhere, 404 = outside scope.
@Suite("Route access matrix", .serialized, .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct RouteAccessMatrixTests {
    static let callers = ["anonymous", "admin", "adminA", "fmA", "viewerA", "auditor", "auditorA"]

    static let table: [String: [Int]] = [
        //                                          anon admin adminA fmA viewerA auditor auditorA
        "GET /health/live":                         [200, 200, 200, 200, 200, 200, 200],
        "GET /health/ready":                        [200, 200, 200, 200, 200, 200, 200],
        "GET /.well-known/jwks.json":               [200, 200, 200, 200, 200, 200, 200],
        "GET /openapi.json":                        [200, 200, 200, 200, 200, 200, 200],
        "GET /asyncapi.json":                       [200, 200, 200, 200, 200, 200, 200],
        "POST /v1/auth/login":                      [401, 401, 401, 401, 401, 401, 401],  // wrong password
        "POST /v1/auth/refresh":                    [401, 401, 401, 401, 401, 401, 401],  // unknown token
        "POST /v1/auth/logout":                     [204, 204, 204, 204, 204, 204, 204],  // idempotent
        "GET /v1/auth/me":                          [401, 200, 200, 200, 200, 200, 200],
        "GET /v1/users":                            [401, 200, 200, 403, 403, 403, 403],
        "POST /v1/users":                           [401, 201, 201, 403, 403, 403, 403],  // user with a site-A grant
        "GET /v1/users/{id}":                        [401, 200, 200, 403, 403, 403, 403],  // a site-A user
        "POST /v1/users/{id}/password":              [401, 204, 204, 403, 403, 403, 403],
        "POST /v1/users/{id}/disable":               [401, 200, 200, 403, 403, 403, 403],
        "POST /v1/users/{id}/enable":                [401, 200, 200, 403, 403, 403, 403],
        "POST /v1/users/{id}/grants":                [401, 201, 201, 403, 403, 403, 403],  // viewer on site A
        "DELETE /v1/users/{id}/grants/{grant_id}":    [401, 200, 200, 403, 403, 403, 403],
        "GET /v1/api-keys":                         [401, 200, 200, 403, 403, 403, 403],
        "POST /v1/api-keys":                        [401, 201, 201, 403, 403, 403, 403],  // assets.read on site A
        "DELETE /v1/api-keys/{id}":                  [401, 204, 204, 403, 403, 403, 403],
        "GET /v1/audit":                            [401, 200, 200, 403, 403, 200, 200],
        "GET /v1/audit/export":                     [401, 200, 200, 403, 403, 200, 200],
        "GET /v1/audit/verify":                     [401, 200, 404, 403, 403, 200, 404],  // whole chain: global only
        "GET /v1/live":                             [401, 426, 426, 426, 426, 403, 403],  // plain GET; WebSocket upgrade in LiveWebSocketTests
    ]

    @Test func everyRouteIsDeclaredAndInTheTable() async throws {
        try await SecurityHarness.with { h in
            let (router, registry) = try h.built()
            let registered = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description.hasPrefix("/") ? "" : "/")\($0.path)" })
            #expect(registered == Set(Self.table.keys), "route table out of date")
            #expect(Set(registry.declarations.keys) == registered)
        }
    }

    @Test func serverRefusesUndeclaredRoutes() async throws {
        let router = Router(context: AtriumRequestContext.self)
        router.get("/sneaky") { _, _ in "hi" }
        let registry = RouteRegistry()
        #expect(throws: RouteRegistryError.undeclaredRoutes(["GET /sneaky"])) { try registry.validate(router) }
    }

    /// A concrete request for a route, prepared per caller (some routes consume an object).
    func request(for route: String, caller: String, h: SecurityHarness) async throws -> (uri: String, method: HTTPRequest.Method, body: Any?) {
        let n = UUID().uuidString.prefix(8).lowercased()
        let siteAGrant = [Grant(role: .viewer, target: .site(h.siteA))]
        switch route {
        case "GET /health/live": return ("/health/live", .get, nil)
        case "GET /health/ready": return ("/health/ready", .get, nil)
        case "GET /.well-known/jwks.json": return ("/.well-known/jwks.json", .get, nil)
        case "GET /openapi.json": return ("/openapi.json", .get, nil)
        case "GET /asyncapi.json": return ("/asyncapi.json", .get, nil)
        case "POST /v1/auth/login":
            // A different unknown name each time, so the per-account throttle stays out of the table.
            return ("/v1/auth/login", .post, ["username": "nobody-\(n)", "password": "wrong password here"])
        case "POST /v1/auth/refresh": return ("/v1/auth/refresh", .post, ["refresh_token": "rt_nope"])
        case "POST /v1/auth/logout": return ("/v1/auth/logout", .post, ["refresh_token": "rt_nope"])
        case "GET /v1/auth/me": return ("/v1/auth/me", .get, nil)
        case "GET /v1/users": return ("/v1/users", .get, nil)
        case "POST /v1/users":
            return ("/v1/users", .post, ["name": "new-\(n)", "password": SecurityHarness.password, "role": "viewer",
                                         "site_id": h.siteA.uuidString])
        case "GET /v1/users/{id}": return ("/v1/users/\(h.users["viewerA"]!)", .get, nil)
        case "POST /v1/users/{id}/password":
            let id = try await h.makeUser("pw-\(n)", grants: siteAGrant)
            return ("/v1/users/\(id)/password", .post, ["password": "another long passphrase"])
        case "POST /v1/users/{id}/disable":
            return ("/v1/users/\(try await h.makeUser("dis-\(n)", grants: siteAGrant))/disable", .post, nil)
        case "POST /v1/users/{id}/enable":
            return ("/v1/users/\(try await h.makeUser("en-\(n)", grants: siteAGrant))/enable", .post, nil)
        case "POST /v1/users/{id}/grants":
            let id = try await h.makeUser("gr-\(n)", grants: [Grant(role: .operator, target: .site(h.siteA))])
            return ("/v1/users/\(id)/grants", .post, ["role": "viewer", "site_id": h.siteA.uuidString])
        case "DELETE /v1/users/{id}/grants/{grant_id}":
            let grant = Grant(role: .viewer, target: .site(h.siteA))
            let id = try await h.makeUser("rv-\(n)", grants: [grant, Grant(role: .operator, target: .site(h.siteA))])
            return ("/v1/users/\(id)/grants/\(grant.id)", .delete, nil)
        case "GET /v1/api-keys": return ("/v1/api-keys", .get, nil)
        case "POST /v1/api-keys":
            return ("/v1/api-keys", .post, ["name": "k-\(n)", "permissions": ["assets.read"], "site_id": h.siteA.uuidString])
        case "DELETE /v1/api-keys/{id}":
            let admin = Principal(userID: h.users["admin"]!, name: "admin", grants: [Grant(role: .admin, target: .global)])
            let key = try await h.services.apiKeys.create(name: "k-\(n)", target: .site(h.siteA), permissions: [.assetsRead],
                                                          expiresAt: nil, by: admin, context: AuditContext())
            return ("/v1/api-keys/\(key.id)", .delete, nil)
        case "GET /v1/audit": return ("/v1/audit?limit=5", .get, nil)
        case "GET /v1/audit/export": return ("/v1/audit/export?format=csv", .get, nil)
        case "GET /v1/audit/verify": return ("/v1/audit/verify", .get, nil)
        case "GET /v1/live": return ("/v1/live", .get, nil)
        default:
            Issue.record("no request recipe for \(route)")
            return ("/", .get, nil)
        }
    }

    @Test func everyCallerGetsTheExpectedStatusOnEveryRoute() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                var tokens: [String: String] = [:]
                for caller in Self.callers where caller != "anonymous" {
                    tokens[caller] = try await client.login(caller).access
                }
                for (route, expected) in Self.table.sorted(by: { $0.key < $1.key }) {
                    for (index, caller) in Self.callers.enumerated() {
                        let request = try await request(for: route, caller: caller, h: h)
                        let response = try await client.json(request.uri, request.method, token: tokens[caller], body: request.body)
                        #expect(Int(response.status.code) == expected[index], "\(route) as \(caller)")
                        if response.status.code >= 400 {
                            #expect(response.headers[.contentType] == "application/problem+json", "\(route) as \(caller)")
                        }
                    }
                }
            }
        }
    }
}
