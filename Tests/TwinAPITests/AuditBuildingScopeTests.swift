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

/// Audit rows carry the building of what they record (migration 0003), and an
/// auditor granted one building reads that building's rows only.
@Suite("Audit rows scoped by building", .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct AuditBuildingScopeTests {
    @Test func buildingAuditorSeesOnlyItsBuildingAndTheMixedChainVerifies() async throws {
        try await SecurityHarness.with { h in
            _ = try await h.makeUser("auditorA1", grants: [Grant(role: .auditor, target: .building(h.buildingA1, site: h.siteA))])
            let target = try await h.makeUser("target", grants: [Grant(role: .viewer, target: .site(h.siteA))])
            try await h.application.test(.router) { client in
                let admin = try await client.login("admin").access
                // One audited change in building A1, one in building B1, one on site A as a whole.
                for (site, building) in [(h.siteA, Optional(h.buildingA1)), (h.siteB, Optional(h.buildingB1)), (h.siteA, nil)] {
                    var body: [String: Any] = ["role": "operator", "site_id": site.uuidString]
                    if let building { body["building_id"] = building.uuidString }
                    #expect(try await client.json("/v1/users/\(target)/grants", .post, token: admin, body: body).status == .created)
                }
                let grants = try await h.auditRows(action: "grant.add")
                #expect(Set(grants.compactMap(\.entry.buildingID)) == [h.buildingA1, h.buildingB1])
                #expect(grants.contains { $0.entry.buildingID == nil && $0.entry.siteID == h.siteA })

                let auditorA1 = try await client.login("auditorA1").access
                let list = try await client.json("/v1/audit?limit=1000", .get, token: auditorA1)
                #expect(list.status == .ok)
                let items = try #require(list.body.jsonObject?["items"] as? [[String: Any]])
                #expect(items.count == 1)
                #expect(items.allSatisfy { ($0["building_id"] as? String) == h.buildingA1.uuidString.lowercased() })
                // Naming the other building (or the site) yields nothing rather than an error.
                for query in ["building_id=\(h.buildingB1)", "site_id=\(h.siteB)"] {
                    let probe = try await client.json("/v1/audit?\(query)", .get, token: auditorA1)
                    #expect(probe.status == .ok)
                    #expect((probe.body.jsonObject?["items"] as? [Any])?.isEmpty == true)
                }
                let export = String(buffer: try await client.json("/v1/audit/export?format=csv", .get, token: auditorA1).body)
                #expect(export.contains(h.buildingA1.uuidString.lowercased()))
                #expect(!export.contains(h.buildingB1.uuidString.lowercased()))
                #expect(export.hasPrefix("seq,time,") && export.contains(",hash,building_id,client_request_id\r\n"))

                // The chain holds v1 rows (no building) and v2 rows (building) and verifies end to end.
                let auditor = try await client.login("auditor").access
                let report = try #require(try await client.json("/v1/audit/verify", .get, token: auditor).body.jsonObject)
                #expect(report["ok"] as? Bool == true)

                // Clearing the building of a row (as a superuser bypassing the trigger) is named.
                let tamperedSeq = try #require(grants.first { $0.entry.buildingID == h.buildingA1 }?.seq)
                try await h.asOwner(["UPDATE audit_log SET building_id = NULL WHERE seq = \(tamperedSeq)"])
                let tampered = try #require(try await client.json("/v1/audit/verify", .get, token: auditor).body.jsonObject)
                #expect(tampered["ok"] as? Bool == false)
                #expect((tampered["first_broken_seq"] as? Int).map(Int64.init) == tamperedSeq)
            }
        }
    }

    /// Finding 8: a caller-chosen X-Request-ID was stored as the audit row's request id. Now the
    /// server's id is the request id and the caller's sits in its own hashed field (form v3).
    @Test func callersRequestIDIsKeptApartAndHashed() async throws {
        try await SecurityHarness.with { h in
            let target = try await h.makeUser("rid-target", grants: [])
            try await h.application.test(.router) { client in
                let admin = try await client.login("admin").access
                let response = try await client.json("/v1/users/\(target)/grants", .post, token: admin,
                                                     body: ["role": "viewer", "site_id": h.siteA.uuidString],
                                                     headers: [.xRequestID: "gateway-trace-7"])
                #expect(response.status == .created)
                let serverID = try #require(response.headers[.xRequestID])
                let row = try #require(try await h.auditRows(action: "grant.add").last)
                #expect(row.entry.requestID == serverID)
                #expect(row.entry.clientRequestID == "gateway-trace-7")
                #expect(String(decoding: AuditCanonicalForm.bytes(seq: row.seq, entry: row.entry), as: UTF8.self).contains("atrium-audit-v3"))
                let auditor = try await client.login("auditor").access
                let listed = try await client.json("/v1/audit?action=grant.add", .get, token: auditor)
                #expect((listed.body.jsonObject?["items"] as? [[String: Any]])?.contains { $0["client_request_id"] as? String == "gateway-trace-7" } == true)
                #expect(try await client.json("/v1/audit/verify", .get, token: auditor).body.jsonObject?["ok"] as? Bool == true)

                // Rewriting the client id (as a superuser past the trigger) breaks that row's hash.
                try await h.asOwner(["UPDATE audit_log SET client_request_id = NULL WHERE seq = \(row.seq)"])
                let tampered = try #require(try await client.json("/v1/audit/verify", .get, token: auditor).body.jsonObject)
                #expect(tampered["ok"] as? Bool == false)
                #expect((tampered["first_broken_seq"] as? Int).map(Int64.init) == row.seq)
            }
        }
    }
}
