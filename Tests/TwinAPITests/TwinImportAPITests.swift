import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TwinDomain
import TwinServices
@testable import TwinAPI

/// `POST /v1/imports`: raw and multipart uploads are streamed to the staging directory and
/// become queued jobs (202 + Location); oversized uploads are a 413 problem and leave no file.
@Suite("Twin import uploads", .serialized, .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct TwinImportAPITests {
    static let ifc = Array("ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\nFILE_NAME('t.ifc','',(''),(''),'','','');\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n".utf8)

    static func files(in directory: URL) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasSuffix("incoming") }
    }

    @Test func uploadsBecomeQueuedJobsAndOversizedOnesLeaveNothing() async throws {
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-api-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        try await TwinHarness.with(imports: ImportSettings(maxBytes: 4096, stagingDirectory: staging)) { h in
            try await h.application.test(.router) { client in
                let fm = try await client.login("fmA").access
                let viewer = try await client.login("viewerA").access

                let raw = try await client.execute(uri: "/v1/imports?site=\(h.security.siteA)&name=hall.ifc", method: .post,
                                                   headers: [.authorization: "Bearer \(fm)", .contentType: "application/octet-stream"],
                                                   body: ByteBuffer(bytes: Self.ifc)) { ($0.status, $0.headers, $0.body) }
                #expect(raw.0 == .accepted)
                let job = try #require(raw.2.jsonObject)
                let id = try #require(job["id"] as? String)
                #expect(raw.1[.location] == "/v1/imports/\(id)")
                #expect(job["status"] as? String == "queued")
                #expect(job["file_name"] as? String == "hall.ifc")
                #expect(job["size_bytes"] as? Int == Self.ifc.count)

                let boundary = "xYzBoundary42"
                var form = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"site\"\r\n\r\n\(h.security.siteA)\r\n".utf8)
                form += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dir/form.ifc\"\r\n\r\n".utf8)
                form += Self.ifc + Array("\r\n--\(boundary)--\r\n".utf8)
                let multipart = try await client.execute(uri: "/v1/imports", method: .post,
                                                         headers: [.authorization: "Bearer \(fm)",
                                                                   .contentType: "multipart/form-data; boundary=\(boundary)"],
                                                         body: ByteBuffer(bytes: form)) { ($0.status, $0.body) }
                #expect(multipart.0 == .accepted)
                #expect(multipart.1.jsonObject?["file_name"] as? String == "form.ifc")
                #expect(multipart.1.jsonObject?["site_id"] as? String == h.security.siteA.uuidString.lowercased())

                let polled = try await client.json("/v1/imports/\(id)", .get, token: fm)
                #expect(polled.status == .ok)
                #expect(polled.body.jsonObject?["id"] as? String == id)
                #expect(try await client.json("/v1/imports/\(id)", .get, token: viewer).status == .forbidden)
                let listed = try await client.json("/v1/imports?fields=id,status", .get, token: fm)
                #expect(listed.body.jsonArrayItems.count == 2)

                let before = Self.files(in: staging)
                let big = [UInt8](repeating: 0x41, count: 10_000)
                let tooLarge = try await client.execute(uri: "/v1/imports", method: .post,
                                                        headers: [.authorization: "Bearer \(fm)", .contentType: "application/octet-stream"],
                                                        body: ByteBuffer(bytes: big)) { ($0.status, $0.headers, $0.body) }
                #expect(tooLarge.0 == .contentTooLarge)
                #expect(tooLarge.1[.contentType] == "application/problem+json")
                #expect((tooLarge.2.jsonObject?["errors"] as? [[String: Any]])?.first?["message"] as? String == "import.too-large")
                #expect(Self.files(in: staging) == before, "the partial upload is removed")

                let empty = try await client.execute(uri: "/v1/imports", method: .post, headers: [.authorization: "Bearer \(fm)"],
                                                     body: ByteBuffer()) { ($0.status, $0.body) }
                #expect(empty.0 == .unprocessableContent)
                #expect((empty.1.jsonObject?["errors"] as? [[String: Any]])?.first?["message"] as? String == "import.empty")
                // An upload that is no model at all is refused from its bytes, before a job exists.
                let text = try await client.execute(uri: "/v1/imports", method: .post,
                                                    headers: [.authorization: "Bearer \(fm)", .contentType: "application/octet-stream"],
                                                    body: ByteBuffer(string: "a shopping list, not a building\n")) { ($0.status, $0.body) }
                #expect(text.0 == .unsupportedMediaType)
                #expect((text.1.jsonObject?["errors"] as? [[String: Any]])?.first?["message"] as? String == "import.unsupported-format")
                #expect(try await client.json("/v1/imports?fields=id,status", .get, token: fm).body.jsonArrayItems.count == 2,
                        "no job was made")
                let truncated = try await client.execute(uri: "/v1/imports", method: .post,
                                                         headers: [.authorization: "Bearer \(fm)",
                                                                   .contentType: "multipart/form-data; boundary=\(boundary)"],
                                                         body: ByteBuffer(bytes: form.prefix(150))) { $0.status }
                #expect(truncated == .badRequest)
                #expect(Self.files(in: staging) == before)
            }
        }
    }

    /// Finding 6: jobs were visible to their creator by *name*, and key names are free text: a
    /// site-A admin's key named "admin" listed and read the global admin's site-B job.
    @Test func aKeyNamedLikeAUserSeesNoneOfThatUsersJobsElsewhere() async throws {
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-api-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        try await TwinHarness.with(imports: ImportSettings(maxBytes: 4096, stagingDirectory: staging)) { h in
            try await h.application.test(.router) { client in
                let admin = try await client.login("admin").access
                let adminA = try await client.login("adminA").access
                let upload = try await client.execute(uri: "/v1/imports?site=\(h.security.siteB)&name=b.ifc", method: .post,
                                                      headers: [.authorization: "Bearer \(admin)", .contentType: "application/octet-stream"],
                                                      body: ByteBuffer(bytes: Self.ifc)) { ($0.status, $0.body) }
                #expect(upload.0 == .accepted)
                let jobID = try #require(upload.1.jsonObject?["id"] as? String)
                #expect(try await client.json("/v1/imports/\(jobID)", .get, token: admin).status == .ok, "its creator sees it")

                let created = try await client.json("/v1/api-keys", .post, token: adminA,
                                                    body: ["name": "admin", "site_id": h.security.siteA.uuidString.lowercased(),
                                                           "permissions": ["imports.create", "assets.read"]])
                #expect(created.status == .created)
                let key = try #require(created.body.jsonObject?["key"] as? String)
                let read = try await client.execute(uri: "/v1/imports/\(jobID)", method: .get, headers: [.authorization: "Bearer \(key)"]) { $0.status }
                #expect(read == .notFound)
                let listed = try await client.execute(uri: "/v1/imports", method: .get, headers: [.authorization: "Bearer \(key)"]) { ($0.status, $0.body) }
                #expect(listed.0 == .ok)
                #expect(!listed.1.jsonArrayItems.contains { $0["id"] as? String == jobID })
                // The key's own job is its own, and shown under a name no user can have.
                let own = try await client.execute(uri: "/v1/imports?site=\(h.security.siteA)&name=a.ifc", method: .post,
                                                   headers: [.authorization: "Bearer \(key)", .contentType: "application/octet-stream"],
                                                   body: ByteBuffer(bytes: Self.ifc)) { ($0.status, $0.body) }
                #expect(own.0 == .accepted)
                #expect(own.1.jsonObject?["created_by"] as? String == "apikey:admin")
            }
        }
    }

    /// Finding 8: the queue was unbounded and staging had no per-user quota. The harness's
    /// queue has no worker, so accepted jobs stay waiting.
    @Test func queueAndStagingQuotaAreBounded() async throws {
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-api-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        var settings = ImportSettings(maxBytes: 4096, stagingDirectory: staging)
        settings.maxQueuedJobs = 3
        settings.stagedBytesPerPrincipal = Int64(Self.ifc.count * 2)
        try await TwinHarness.with(imports: settings) { h in
            try await h.application.test(.router) { client in
                let fm = try await client.login("fmA").access
                let admin = try await client.login("admin").access
                func upload(_ token: String) async throws -> (HTTPResponse.Status, HTTPFields, ByteBuffer) {
                    try await client.execute(uri: "/v1/imports?site=\(h.security.siteA)&name=q.ifc", method: .post,
                                             headers: [.authorization: "Bearer \(token)", .contentType: "application/octet-stream"],
                                             body: ByteBuffer(bytes: Self.ifc)) { ($0.status, $0.headers, $0.body) }
                }
                #expect(try await upload(fm).0 == .accepted)
                #expect(try await upload(fm).0 == .accepted)
                let overQuota = try await upload(fm)
                #expect(overQuota.0.code == 507)
                #expect((overQuota.2.jsonObject?["errors"] as? [[String: Any]])?.first?["message"] as? String == "import.quota-exceeded")
                #expect(try await upload(admin).0 == .accepted, "another caller has its own quota")
                let full = try await upload(admin)
                #expect(full.0 == .tooManyRequests)
                #expect(full.1[.retryAfter] == "60")
                let listed = try await client.json("/v1/imports", .get, token: admin)
                #expect(listed.body.jsonArrayItems.count == 3, "refused uploads leave no job")
                #expect(Self.files(in: staging).filter { $0.hasSuffix(".upload") }.count == 3, "nor a staged file")
            }
        }
    }
}
