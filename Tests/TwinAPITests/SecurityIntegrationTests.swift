import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import TwinDomain
import TwinServices
import TwinStore
@testable import TwinAPI

@Suite("Authentication, isolation and audit against PostgreSQL", .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct SecurityIntegrationTests {
    static func claims(_ h: SecurityHarness, user: String = "viewerA", exp: Int64? = nil, nbf: Int64? = nil,
                       iss: String = "atrium", aud: String = "atrium-api") -> JWTClaims {
        let now = Int64(Date().timeIntervalSince1970)
        return JWTClaims(iss: iss, sub: h.users[user]!.uuidString.lowercased(), aud: [aud], exp: exp ?? now + 300,
                         nbf: nbf ?? now, iat: now, jti: UUID().uuidString, roles: [], ver: 1)
    }

    static func encodePart(_ object: Any) throws -> String {
        Base64URL.encode(Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])))
    }

    /// Ids are spelled in lower case in security responses too (JSONEncoder writes UUIDs upper case).
    @Test func securityResponsesSpellIDsInLowerCase() async throws {
        try await SecurityHarness.with { h in
            let (router, _) = try h.built()
            try await Application(router: router).test(.router) { client in
                let admin = try await client.login("admin").access
                let uuid = try Regex("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
                for path in ["/v1/auth/me", "/v1/users", "/v1/api-keys"] {
                    let response = try await client.json(path, .get, token: admin)
                    #expect(response.status == .ok, "\(path)")
                    let text = String(buffer: response.body)
                    let ids = text.matches(of: uuid).map { String(text[$0.range]) }
                    #expect(!ids.isEmpty || path == "/v1/api-keys", "\(path) names ids")
                    #expect(ids.allSatisfy { $0 == $0.lowercased() }, "\(path): \(ids.filter { $0 != $0.lowercased() })")
                }
            }
        }
    }

    @Test func jwtAttacksAreRejectedWith401AndAudited() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                let payload = Base64URL.encode(Array(try JSONEncoder().encode(Self.claims(h))))
                guard case .p256Private(let key) = h.keys.active.material else { Issue.record("EC expected"); return }
                let hsInput = try Self.encodePart(["alg": "HS256", "kid": "test-es", "typ": "JWT"]) + "." + payload
                let hsWithPublicKey = hsInput + "." + Base64URL.encode(Array(HMAC<SHA256>.authenticationCode(
                    for: Array(hsInput.utf8), using: SymmetricKey(data: key.publicKey.x963Representation))))
                let other = try JWTKeySet(active: JWTKey(kid: "rogue", material: .p256Private(P256.Signing.PrivateKey())))
                let valid = try h.keys.sign(Self.claims(h))
                let parts = valid.split(separator: ".").map(String.init)
                var elevated = Self.claims(h, user: "admin")
                elevated.roles = ["admin"]
                let tampered = parts[0] + "." + Base64URL.encode(Array(try JSONEncoder().encode(elevated))) + "." + parts[2]
                let now = Int64(Date().timeIntervalSince1970)

                let attacks: [(String, String, String)] = [
                    ("alg none", try Self.encodePart(["alg": "none", "kid": "test-es"]) + "." + payload + ".AA", "token.unsupported_alg:none"),
                    ("HS256 with the public key", hsWithPublicKey, "token.alg_mismatch"),
                    ("unknown kid", try other.sign(Self.claims(h)), "token.unknown_kid"),
                    ("expired", try h.keys.sign(Self.claims(h, exp: now - 3600, nbf: now - 7200)), "token.expired"),
                    ("not yet valid", try h.keys.sign(Self.claims(h, nbf: now + 3600)), "token.not_yet_valid"),
                    ("wrong issuer", try h.keys.sign(Self.claims(h, iss: "evil")), "token.wrong_issuer"),
                    ("wrong audience", try h.keys.sign(Self.claims(h, aud: "other-api")), "token.wrong_audience"),
                    ("tampered payload", tampered, "token.bad_signature"),
                    ("bad base64url", parts[0] + ".!!!." + parts[2], "token.bad_base64"),
                ]
                for (name, token, _) in attacks {
                    let response = try await client.json("/v1/auth/me", .get, token: token)
                    #expect(response.status == .unauthorized, "\(name)")
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                }
                #expect(try await client.json("/v1/auth/me", .get, token: valid).status == .ok)
                let reasons = Set(try await h.auditRows(action: "auth.authenticate").filter { $0.entry.outcome == .failure }
                    .compactMap(\.entry.reason))
                for (name, _, reason) in attacks { #expect(reasons.contains(reason), "audit reason for \(name)") }
            }
        }
    }

    @Test func disabledUserLosesAccessOnTheNextRequest() async throws {
        try await SecurityHarness.with { h in
            let id = try await h.makeUser("leaver", grants: [Grant(role: .viewer, target: .site(h.siteA))])
            try await h.application.test(.router) { client in
                let leaver = try await client.login("leaver")
                let admin = try await client.login("admin")
                #expect(try await client.json("/v1/auth/me", .get, token: leaver.access).status == .ok)
                #expect(try await client.json("/v1/users/\(id)/disable", .post, token: admin.access).status == .ok)
                #expect(try await client.json("/v1/auth/me", .get, token: leaver.access).status == .unauthorized)
                #expect(try await client.json("/v1/auth/refresh", .post, body: ["refresh_token": leaver.refresh]).status == .unauthorized)
                #expect(try await client.json("/v1/auth/login", .post, body: ["username": "leaver", "password": SecurityHarness.password]).status == .unauthorized)
                // Re-enabling does not resurrect the old token: the security version moved.
                #expect(try await client.json("/v1/users/\(id)/enable", .post, token: admin.access).status == .ok)
                #expect(try await client.json("/v1/auth/me", .get, token: leaver.access).status == .unauthorized)
                let reasons = try await h.auditRows(action: "auth.authenticate").compactMap(\.entry.reason)
                #expect(reasons.contains("user.disabled"))
                #expect(reasons.contains("token.stale_version"))
            }
        }
    }

    @Test func refreshRotatesAndReuseRevokesTheFamily() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                let first = try await client.login("viewerA")
                let rotated = try await client.json("/v1/auth/refresh", .post, body: ["refresh_token": first.refresh])
                #expect(rotated.status == .ok)
                #expect(rotated.headers[.cacheControl] == "no-store")
                let second = try #require(rotated.body.jsonObject?["refresh_token"] as? String)
                #expect(second != first.refresh)
                // The stolen first token is replayed: refused, and the legitimate second one dies with it.
                #expect(try await client.json("/v1/auth/refresh", .post, body: ["refresh_token": first.refresh]).status == .unauthorized)
                #expect(try await client.json("/v1/auth/refresh", .post, body: ["refresh_token": second]).status == .unauthorized)
                let denied = try await h.auditRows(action: "auth.refresh").filter { $0.entry.outcome == .denied }
                #expect(denied.contains { $0.entry.reason == "refresh.reuse_family_revoked" && $0.entry.actorID == h.users["viewerA"] })
                // Logout revokes: a fresh login's refresh token stops working.
                let again = try await client.login("viewerA")
                #expect(try await client.json("/v1/auth/logout", .post, body: ["refresh_token": again.refresh]).status == .noContent)
                #expect(try await client.json("/v1/auth/refresh", .post, body: ["refresh_token": again.refresh]).status == .unauthorized)
            }
        }
    }

    @Test func loginIsThrottledWithRetryAfterAndFailuresAreAudited() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                var statuses: [HTTPResponse.Status] = []
                var retryAfter: String?
                for _ in 0..<7 {
                    let r = try await client.json("/v1/auth/login", .post, body: ["username": "fmA", "password": "not the password!"])
                    statuses.append(r.status)
                    if r.status == .tooManyRequests { retryAfter = r.headers[.retryAfter] }
                }
                #expect(Array(statuses.prefix(5)) == Array(repeating: .unauthorized, count: 5))
                #expect(statuses.contains(.tooManyRequests))
                #expect(Int(retryAfter ?? "") ?? 0 >= 1)
                // Even the right password waits out the backoff.
                let blocked = try await client.json("/v1/auth/login", .post, body: ["username": "fmA", "password": SecurityHarness.password])
                #expect(blocked.status == .tooManyRequests)
                let rows = try await h.auditRows(action: "auth.login")
                #expect(rows.filter { $0.entry.reason == "bad_password" }.count >= 5)
                #expect(rows.contains { $0.entry.reason == "throttled" && $0.entry.outcome == .denied })
                // No secret in the audit trail.
                #expect(!rows.contains { ($0.entry.after ?? "").contains("not the password") || ($0.entry.reason ?? "").contains("password!") })
            }
        }
    }

    @Test func siteAdministratorCannotSeeOrTouchAnotherSite() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                let adminA = try await client.login("adminA").access
                let viewerB1 = h.users["viewerB1"]!
                let bothSites = h.users["bothSites"]!
                // Read / guess.
                #expect(try await client.json("/v1/users/\(viewerB1)", .get, token: adminA).status == .notFound)
                #expect(try await client.json("/v1/users/\(UUID())", .get, token: adminA).status == .notFound)
                #expect(try await client.json("/v1/users/not-a-uuid", .get, token: adminA).status == .notFound)
                // List: only users with a site-A grant, and only their site-A grants.
                let list = try await client.json("/v1/users", .get, token: adminA)
                let items = try #require(list.body.jsonObject?["items"] as? [[String: Any]])
                let names = Set(items.compactMap { $0["name"] as? String })
                #expect(names.contains("viewerA") && names.contains("bothSites"))
                #expect(!names.contains("viewerB1") && !names.contains("admin"))
                let bodyText = String(buffer: list.body)
                #expect(!bodyText.contains(h.siteB.uuidString.lowercased()) && !bodyText.contains(h.siteB.uuidString))
                // Writes outside the scope look like missing objects.
                #expect(try await client.json("/v1/users/\(viewerB1)/grants", .post, token: adminA,
                                              body: ["role": "viewer", "site_id": h.siteA.uuidString]).status == .notFound)
                #expect(try await client.json("/v1/users/\(h.users["viewerA"]!)/grants", .post, token: adminA,
                                              body: ["role": "admin", "site_id": h.siteB.uuidString]).status == .notFound)
                #expect(try await client.json("/v1/users/\(viewerB1)/disable", .post, token: adminA).status == .notFound)
                #expect(try await client.json("/v1/users/\(bothSites)/password", .post, token: adminA,
                                              body: ["password": "another long passphrase"]).status == .notFound)
                #expect(try await client.json("/v1/users", .post, token: adminA,
                                              body: ["name": "sneaky", "password": SecurityHarness.password]).status == .notFound)
                #expect(try await client.json("/v1/api-keys", .post, token: adminA,
                                              body: ["name": "b", "permissions": ["assets.read"], "site_id": h.siteB.uuidString]).status == .notFound)
                // An API key on site B made by the global admin is invisible and unrevocable for adminA.
                let admin = Principal(userID: h.users["admin"]!, name: "admin", grants: [Grant(role: .admin, target: .global)])
                let keyB = try await h.services.apiKeys.create(name: "b-key", target: .site(h.siteB), permissions: [.assetsRead],
                                                               expiresAt: nil, by: admin, context: AuditContext())
                let keys = try await client.json("/v1/api-keys", .get, token: adminA)
                #expect(!String(buffer: keys.body).contains(keyB.id.uuidString.lowercased()))
                #expect(!String(buffer: keys.body).contains(keyB.id.uuidString))
                #expect(try await client.json("/v1/api-keys/\(keyB.id)", .delete, token: adminA).status == .notFound)
                // Every refused write above (7) was audited as a denial by adminA; scoped reads that
                // answer 404 are not audited (reads are not audited at all).
                let denials = try await h.store.auditRecords(AuditQuery(actorID: h.users["adminA"], outcome: .denied, limit: 100),
                                                             visibleIn: .everything)
                #expect(denials.count == 7)
            }
        }
    }

    @Test func siteAuditorSeesOnlyItsSiteInListAndExport() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                let admin = try await client.login("admin").access
                // One audited change on each site.
                for site in [h.siteA, h.siteB] {
                    let r = try await client.json("/v1/users", .post, token: admin, body: [
                        "name": "u-\(site.uuidString.prefix(6))", "password": SecurityHarness.password, "role": "viewer",
                        "site_id": site.uuidString])
                    #expect(r.status == .created)
                }
                let auditorA = try await client.login("auditorA").access
                let list = try await client.json("/v1/audit?limit=1000", .get, token: auditorA)
                let items = try #require(list.body.jsonObject?["items"] as? [[String: Any]])
                #expect(!items.isEmpty)
                #expect(items.allSatisfy { ($0["site_id"] as? String) == h.siteA.uuidString.lowercased() })
                // Asking for site B explicitly yields nothing, not an error that confirms it exists.
                let probe = try await client.json("/v1/audit?site_id=\(h.siteB)", .get, token: auditorA)
                #expect(probe.status == .ok)
                #expect((probe.body.jsonObject?["items"] as? [Any])?.isEmpty == true)
                for format in ["csv", "jsonl"] {
                    let export = try await client.json("/v1/audit/export?format=\(format)", .get, token: auditorA)
                    #expect(export.status == .ok)
                    let text = String(buffer: export.body)
                    #expect(text.contains(h.siteA.uuidString.lowercased()))
                    #expect(!text.contains(h.siteB.uuidString.lowercased()))
                }
                #expect(try await client.json("/v1/audit/verify", .get, token: auditorA).status == .notFound)
                // The global auditor sees both, and exports are themselves audited.
                let auditor = try await client.login("auditor").access
                let all = String(buffer: try await client.json("/v1/audit/export?format=jsonl", .get, token: auditor).body)
                #expect(all.contains(h.siteB.uuidString.lowercased()))
                #expect(try await h.auditRows(action: "audit.export").count == 3)
            }
        }
    }

    @Test func changesAndTheirAuditRowsCommitTogether() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                let admin = try await client.login("admin").access
                let create = ["name": "twin", "password": SecurityHarness.password, "role": "viewer", "site_id": h.siteA.uuidString]
                #expect(try await client.json("/v1/users", .post, token: admin, body: create).status == .created)
                // Same name again: the insert fails, so no success row may exist for it.
                #expect(try await client.json("/v1/users", .post, token: admin, body: create).status == .conflict)
                let rows = try await h.auditRows(action: "user.create")
                #expect(rows.count == 1)
                let row = try #require(rows.first)
                #expect(row.entry.outcome == .success)
                #expect(row.entry.siteID == h.siteA)
                #expect(row.entry.after?.contains("\"name\":\"twin\"") == true)
                #expect(row.entry.after?.contains("$2") == false)  // no bcrypt hash
                // Policy violations are refused before anything is written.
                let weak = try await client.json("/v1/users", .post, token: admin,
                                                 body: ["name": "weak", "password": "password1234"])
                #expect(weak.status == .unprocessableContent)
            }
        }
    }

    @Test func auditLogIsAppendOnlyAndTamperingIsNamed() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                let admin = try await client.login("admin").access
                for index in 0..<4 {
                    _ = try await client.json("/v1/users", .post, token: admin, body: [
                        "name": "chain\(index)", "password": SecurityHarness.password])
                }
                let auditor = try await client.login("auditor").access
                let clean = try await client.json("/v1/audit/verify", .get, token: auditor)
                let report = try #require(clean.body.jsonObject)
                #expect(report["ok"] as? Bool == true)
                let headSeq = try #require(report["head_seq"] as? Int)
                #expect(headSeq >= 6)
                // The checkpoint is signed with the audit key; the published token keys (JWKS) do not verify
                // it (finding 7: it used to be signed with the token key).
                let checkpoint = try #require(report["checkpoint"] as? String)
                let signed = try h.auditSigner.verified(checkpoint)
                #expect(signed.seq == Int64(headSeq))
                let jwks = try await client.json("/.well-known/jwks.json", .get)
                let jwk = try #require((jwks.body.jsonObject?["keys"] as? [[String: String]])?.first)
                let point = [UInt8(4)] + Base64URL.decode(jwk["x"]!)! + Base64URL.decode(jwk["y"]!)!
                let verifier = try JWTKeySet(active: JWTKey(kid: "h", material: .hmac(SymmetricKey(size: .bits256))),
                                             others: [JWTKey(kid: jwk["kid"]!, material: .p256Public(try P256.Signing.PublicKey(x963Representation: point)))])
                #expect(throws: JWTError.unknownKeyID) { try verifier.verifyJWS(checkpoint) }

                // Through an ordinary session, UPDATE / DELETE / TRUNCATE are refused by the trigger.
                for statement in ["UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 3",
                                  "DELETE FROM audit_log WHERE seq = 3", "TRUNCATE audit_log"] {
                    await #expect(throws: (any Error).self) {
                        try await h.database.client.query(PostgresQuery(unsafeSQL: statement))
                    }
                }
                // A superuser who bypasses triggers can edit a row, but verify names it.
                try await h.database.client.withConnection { connection in
                    try await connection.query("SET session_replication_role = replica")
                    try await connection.query("UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 3")
                    try await connection.query("SET session_replication_role = origin")
                }
                let tampered = try #require(try await client.json("/v1/audit/verify", .get, token: auditor).body.jsonObject)
                #expect(tampered["ok"] as? Bool == false)
                #expect(tampered["first_broken_seq"] as? Int == 3)
                #expect(tampered["checkpoint"] is NSNull || tampered["checkpoint"] == nil)
            }
        }
    }

    @Test func apiKeysAuthenticateWithinTheirScopeAndExpire() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                let admin = try await client.login("admin").access
                let created = try await client.json("/v1/api-keys", .post, token: admin, body: [
                    "name": "bms", "permissions": ["audit.read"], "site_id": h.siteA.uuidString])
                #expect(created.status == .created)
                #expect(created.headers[.cacheControl] == "no-store")
                let key = try #require(created.body.jsonObject?["key"] as? String)
                let id = try #require(created.body.jsonObject?["id"] as? String)
                #expect(key.hasPrefix("atr_"))
                // Bearer and X-API-Key both work; the key reads only site-A audit rows.
                #expect(try await client.json("/v1/audit", .get, token: key).status == .ok)
                #expect(try await client.json("/v1/audit", .get, headers: [HTTPField.Name("X-API-Key")!: key]).status == .ok)
                #expect(try await client.json("/v1/users", .get, token: key).status == .forbidden)
                #expect(try await client.json("/v1/audit/verify", .get, token: key).status == .notFound)
                // The listing never shows the secret.
                #expect(!String(buffer: try await client.json("/v1/api-keys", .get, token: admin).body).contains(key))
                #expect(try await client.json("/v1/api-keys/\(id)", .delete, token: admin).status == .noContent)
                #expect(try await client.json("/v1/audit", .get, token: key).status == .unauthorized)
                // A forged key with a real prefix fails.
                let forged = String(key.prefix(21)) + Base64URL.encode(SecretToken.randomBytes(32))
                #expect(try await client.json("/v1/audit", .get, token: forged).status == .unauthorized)
            }
        }
    }
}
