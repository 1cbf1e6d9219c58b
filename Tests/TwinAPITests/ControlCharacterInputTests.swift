import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TwinDomain
import TwinServices
@testable import TwinAPI

/// Finding 2 of the security battery: a NUL in text input reached PostgreSQL (which refuses 0x00
/// in `text`) and came back as a 500. Every route of the catalog, every documented parameter and
/// every string member of every JSON body, with NUL and other controls, must answer 4xx.
@Suite("Control characters in input", .serialized, .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct ControlCharacterInputTests {
    static let poison = ["a\u{0}b", "\u{0}", "a\u{1}b", "x\u{7f}"]

    /// A template path with every `{param}` filled, one of them (or none) poisoned.
    static func path(_ template: String, poisoned: String? = nil, with value: String = "") -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += name == poisoned ? percent(value) : UUID().uuidString.lowercased()
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    static func percent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    static func method(_ name: String) -> HTTPRequest.Method { HTTPRequest.Method(name.uppercased())! }

    /// String members of a body schema (one level; that is every body Atrium takes).
    static func stringMembers(_ schema: APISchema) -> [String] {
        guard case .object(let members, _, _) = schema else { return [] }
        return members.compactMap { name, schema in
            switch schema {
            case .string, .enumeration: return name
            default: return nil
            }
        }
    }

    @Test func everyParameterOfEveryRouteAnswersFourHundredsToControlCharacters() async throws {
        try await TwinHarness.with(imports: ImportSettings(maxBytes: 4096, stagingDirectory: FileManager.default.temporaryDirectory
            .appendingPathComponent("atrium-nul-\(UUID().uuidString)"))) { h in
            try await h.application.test(.router) { client in
                let admin = try await client.login("admin").access
                var tried = 0
                var failures: [String] = []
                func check(_ label: String, _ uri: String, _ method: HTTPRequest.Method, body: Any? = nil,
                           headers: HTTPFields = [:]) async throws {
                    tried += 1
                    let response = try await client.json(uri, method, token: admin, body: body, headers: headers)
                    if response.status.code >= 500 || response.status.code < 400 {
                        failures.append("\(label) → \(response.status.code) \(String(buffer: response.body).prefix(200))")
                    }
                }
                for operation in APICatalog.all where operation.path != "/v1/live" {
                    let method = Self.method(operation.method)
                    for value in Self.poison {
                        for parameter in operation.parameters {
                            switch parameter.location {
                            case .path:
                                let uri = Self.path(operation.path, poisoned: parameter.name, with: value)
                                try await check("\(operation.key) path \(parameter.name)", uri, method)
                            case .query:
                                let uri = Self.path(operation.path) + "?\(parameter.name)=\(Self.percent(value))"
                                try await check("\(operation.key) query \(parameter.name)", uri, method)
                            case .header:
                                break  // controls in header values are refused by the HTTP parser (ConnectionHardeningTests)
                            }
                        }
                        // A parameter nobody declared, poisoned in its name.
                        try await check("\(operation.key) query name", Self.path(operation.path) + "?\(Self.percent(value))=1", method)
                        if let body = operation.body, let (type, schema) = body.contentTypes.first, type == "application/json" {
                            let base = Self.baseBody(operation, site: h.security.siteA)
                            for member in Self.stringMembers(Self.resolved(schema)) {
                                var body = base
                                body[member] = value
                                try await check("\(operation.key) body \(member)", Self.path(operation.path), method, body: body)
                            }
                        }
                    }
                }
                #expect(failures.isEmpty, "\(failures.count) of \(tried) requests:\n\(failures.joined(separator: "\n"))")
                #expect(tried > 500)
            }
        }
    }

    static func resolved(_ schema: APISchema) -> APISchema {
        guard case .ref(let name) = schema else { return schema }
        switch name {
        case "AssetInput": return TwinSchemaSamples.assetInput(required: ["kind", "name"])
        case "AssetPatch": return TwinSchemaSamples.assetInput(required: [], patch: true)
        default: return schema
        }
    }

    /// A body valid but for the one poisoned member, so the poison is what the route sees.
    static func baseBody(_ operation: APIOperation, site: UUID) -> [String: Any] {
        guard operation.path.hasPrefix("/v1/assets") else { return [:] }
        return ["kind": "rack", "name": "ok", "site_id": site.uuidString.lowercased()]
    }

    /// The login path takes any text and decides nothing from its shape: a name with NUL is a
    /// failed attempt like any other, counted by the throttle and written to the audit log.
    @Test func loginWithControlCharactersIsAFailedAttemptThatIsAuditedAndThrottled() async throws {
        try await SecurityHarness.with { h in
            let (router, _) = try h.built()
            try await Application(router: router).test(.router) { client in
                let name = "admin\u{0}"
                for _ in 0..<5 {
                    let response = try await client.json("/v1/auth/login", .post, body: ["username": name, "password": "p\u{0}ssword-long-enough"])
                    #expect(response.status == .unauthorized || response.status == .tooManyRequests)
                }
                let rows = try await h.auditRows(action: "auth.login")
                let failed = rows.filter { $0.entry.outcome != .success && ($0.entry.actorName ?? "").hasPrefix("admin") }
                #expect(failed.count >= 5, "every attempt is audited")
                #expect(failed.allSatisfy { !($0.entry.actorName ?? "").utf8.contains(0) }, "stored escaped")
                // The real admin, unaffected by attempts on a name that is not theirs (per-account throttle).
                _ = try await client.login("admin")
            }
        }
    }

    /// Finding 1 end to end: "q\0" + 15 characters is refused as a password, so "q" can never log in.
    @Test func passwordsWithNULAreRefusedWhenSet() async throws {
        try await SecurityHarness.with { h in
            let (router, _) = try h.built()
            try await Application(router: router).test(.router) { client in
                let admin = try await client.login("admin").access
                let cut = "q\u{0}" + String(repeating: "z", count: 15)
                let created = try await client.json("/v1/users", .post, token: admin,
                                                    body: ["name": "nul-\(UUID().uuidString.prefix(6).lowercased())", "password": cut, "role": "viewer"])
                #expect(created.status == .unprocessableContent || created.status == .badRequest)
                let ana = try await h.makeUser("ana-nul-\(UUID().uuidString.prefix(6).lowercased())", grants: [])
                let changed = try await client.json("/v1/users/\(ana.uuidString.lowercased())/password", .post, token: admin,
                                                    body: ["password": cut])
                #expect(changed.status == .unprocessableContent || changed.status == .badRequest)
            }
        }
    }
}
