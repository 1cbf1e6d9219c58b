import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TwinDomain
import TwinServices
@testable import TwinAPI

/// `GET /v1/assets/{id}` through the asset read cache: the same answers as without it (scope,
/// ETags, 304, projections), and this process's own writes visible at once.
///
/// The cache is told its feed listens but no feed ever reports, so only the writers' own
/// invalidations can keep it right: exactly what "a writer reads its own write" needs.
@Suite("Asset read cache through the API", .serialized,
       .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct TwinAssetCacheAPITests {
    @Test func cachedReadsKeepScopeETagsProjectionsAndOwnWrites() async throws {
        let cache = AssetReadCache(capacity: 100)
        cache.twinChanged(.reset(listening: true))
        try await TwinHarness.with(assetCache: cache) { h in
            let r1 = try #require(try await h.assetIDs(site: h.siteA)["R1"])
            try await h.application.test(.router) { client in
                let fm = try await client.login("fmA").access
                let outsider = try await client.login("viewerB1").access
                let path = "/v1/assets/\(r1.id.uuidString.lowercased())"

                let first = try await client.json(path, .get, token: fm)
                #expect(first.status == .ok)
                #expect(first.headers[.eTag] == "\"r1\"")
                #expect(first.headers[.contentType] == "application/json")
                let second = try await client.json(path, .get, token: fm)
                #expect(second.status == .ok)
                #expect(second.body == first.body, "the cached body is the body")
                #expect(cache.statistics.hits >= 1)
                #expect(second.body.jsonObject?["system_ids"] as? [String] == r1.systemIDs.map { $0.uuidString.lowercased() })

                let notModified = try await client.json(path, .get, token: fm, headers: [.ifNoneMatch: "\"r1\""])
                #expect(notModified.status == .notModified)
                #expect(notModified.headers[.eTag] == "\"r1\"")
                let projected = try await client.json(path + "?fields=name,tag", .get, token: fm)
                #expect(projected.status == .ok)
                #expect(projected.headers[.eTag] == "\"r1.name+tag\"")
                #expect(projected.body.jsonObject?.keys.sorted() == ["name", "tag"])
                #expect(try await client.json(path + "?fields=nope", .get, token: fm).status == .badRequest)

                // Cached, yet outside the caller's scope: the same 404 as a missing asset.
                #expect(try await client.json(path, .get, token: outsider).status == .notFound)
                #expect(try await client.json("/v1/assets/\(UUID().uuidString)", .get, token: fm).status == .notFound)

                // Own writes: create, read (cached), update, read, delete, read.
                let created = try await client.json("/v1/assets", .post, token: fm,
                                                    body: ["kind": "equipment", "name": "UPS 1", "site_id": h.security.siteA.uuidString])
                #expect(created.status == .created)
                let id = try #require(created.body.jsonObject?["id"] as? String)
                #expect(try await client.json("/v1/assets/\(id)", .get, token: fm).body.jsonObject?["name"] as? String == "UPS 1")
                #expect(try await client.json("/v1/assets/\(id)", .get, token: fm).status == .ok)
                let updated = try await client.json("/v1/assets/\(id)", .patch, token: fm, body: ["name": "UPS 1A"],
                                                    headers: [.ifMatch: "\"r1\""])
                #expect(updated.status == .ok)
                let reread = try await client.json("/v1/assets/\(id)", .get, token: fm)
                #expect(reread.headers[.eTag] == "\"r2\"")
                #expect(reread.body.jsonObject?["name"] as? String == "UPS 1A")
                #expect(try await client.json("/v1/assets/\(id)", .get, token: fm, headers: [.ifNoneMatch: "\"r1\""]).status == .ok)
                #expect(try await client.json("/v1/assets/\(id)", .delete, token: fm).status == .noContent)
                #expect(try await client.json("/v1/assets/\(id)", .get, token: fm).status == .notFound)
            }
        }
    }
}
