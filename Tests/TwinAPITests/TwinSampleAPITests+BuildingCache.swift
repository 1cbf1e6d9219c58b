import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TwinDomain
import TwinServices
@testable import TwinAPI

/// The building read cache (in-memory spatial index and outline) against PostgreSQL on the
/// sample: every spatial answer and the outline are the database's, scope is kept, and this
/// process's writes are seen at once.
extension TwinSampleAPITests {
    /// Equal JSON values; numbers within a relative 1e-12 (PostgreSQL's `sqrt` and Swift's may
    /// differ in the last bit of a distance).
    static func sameJSON(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (is NSNull, is NSNull): return true
        case (let x as [String: Any], let y as [String: Any]):
            return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { sameJSON(x[$0], y[$0]) }
        case (let x as [Any], let y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy { sameJSON($0, $1) }
        case (let x as String, let y as String): return x == y
        case (let x as NSNumber, let y as NSNumber):
            let u = x.doubleValue, v = y.doubleValue
            return u == v || abs(u - v) <= 1e-12 * max(abs(u), abs(v))
        default: return false
        }
    }

    func cachedApplication(_ h: TwinSampleHarness, cache: BuildingReadCache) throws -> some ApplicationProtocol {
        var logger = Logger(label: "building-cache-test")
        logger.logLevel = .warning
        let twin = TwinAPIServices(query: TwinQueryService(repository: h.store, documents: h.documents, buildingCache: cache),
                                   assets: AssetService(repository: h.store, buildingCache: cache, logger: logger))
        let dependencies = APIDependencies(probes: [], services: [], security: h.security.services, twin: twin)
        return Application(router: try buildValidatedRouter(dependencies: dependencies).router)
    }

    @Test("building cache: near, in-box and nearest from memory answer what PostGIS answers, for every member set")
    func buildingCacheMatchesPostGIS() async throws {
        let h = try Self.harness()
        let cache = BuildingReadCache(capacity: 4)
        cache.twinChanged(.reset(listening: true))
        let cached = try cachedApplication(h, cache: cache)
        let plain = try h.application
        // Points: positions of a spread of assets, plus points off every asset.
        let positions = try await h.assets().compactMap(\.position)
        #expect(positions.count > 100)
        var points = stride(from: 0, to: positions.count, by: max(1, positions.count / 12)).map { positions[$0] }
        points += [Point3D(x: -50, y: -50, z: 0), Point3D(x: 12.5, y: 7.25, z: 1.5)]
        let building = "/v1/buildings/\(h.buildingID)/assets"
        var queries: [String] = []
        for p in points {
            let at = "x=\(p.x)&y=\(p.y)&z=\(p.z)"
            queries += ["near?\(at)&radius=0.5", "near?\(at)&radius=3", "near?\(at)&radius=10&limit=250",
                      "near?\(at)&radius=10&kind=device&kind=sensor&limit=7",
                      "nearest?\(at)", "nearest?\(at)&kind=rack&limit=5", "nearest?\(at)&limit=1000",
                      "in-box?bbox=\(p.x - 2),\(p.y - 2),\(p.z - 1),\(p.x + 2),\(p.y + 2),\(p.z + 1)",
                      "in-box?bbox=\(p.x - 20),\(p.y - 20),-10,\(p.x + 20),\(p.y + 20),10&limit=1000&kind=device"]
        }
        let paths = queries
        let memberSets = ["", "&fields=id,distance", "&fields=" + SpatialHitMember.allCases.map(\.rawValue).joined(separator: ",")]
        try await plain.test(.router) { reference in
            try await cached.test(.router) { client in
                let viewer = try await client.login("viewerA").access
                let referenceViewer = try await reference.login("viewerA").access
                var compared = 0, hits = 0
                for path in paths {
                    for members in memberSets {
                        let uri = "\(building)/\(path)\(members)"
                        let expected = try await reference.json(uri, .get, token: referenceViewer)
                        let actual = try await client.json(uri, .get, token: viewer)
                        #expect(actual.status == .ok && expected.status == .ok, "\(uri)")
                        let want = expected.body.jsonArrayItems, got = actual.body.jsonArrayItems
                        #expect(Self.sameJSON(got, want), "\(uri): \(got.count) hits from memory, \(want.count) from PostGIS")
                        #expect(actual.body.jsonObject?.keys.sorted() == ["items", "next_cursor"])
                        compared += 1
                        hits += got.count
                    }
                }
                #expect(compared == paths.count * memberSets.count)
                #expect(hits > 10_000, "the comparison covers many hits (\(hits))")
                #expect(cache.statistics.misses == 1, "one load for the building, every other question from memory")
                #expect(cache.statistics.hits >= compared - 1)
            }
        }
    }

    @Test("building cache: the outline is the database's, ETag and 304 included; scope and own writes hold")
    func buildingCacheOutlineScopeAndOwnWrites() async throws {
        let h = try Self.harness()
        let cache = BuildingReadCache(capacity: 4)
        cache.twinChanged(.reset(listening: true))
        let cached = try cachedApplication(h, cache: cache)
        let plain = try h.application
        let tree = "/v1/buildings/\(h.buildingID)/tree"
        try await plain.test(.router) { reference in
            try await cached.test(.router) { client in
                let viewer = try await client.login("viewerA").access
                let fm = try await client.login("fmA").access
                let outsider = try await client.login("viewerB1").access
                let expected = try await reference.json(tree, .get, token: try await reference.login("viewerA").access)
                // Out of scope before and after the building is cached: the same 404 as unknown.
                #expect(try await client.json(tree, .get, token: outsider).status == .notFound)
                for _ in 0..<2 {
                    let actual = try await client.json(tree, .get, token: viewer)
                    #expect(actual.status == .ok)
                    #expect(actual.body == expected.body, "byte for byte what PostgreSQL wrote")
                    #expect(actual.headers[.eTag] == expected.headers[.eTag])
                }
                let etag = try #require(expected.headers[.eTag])
                #expect(try await client.json(tree, .get, token: viewer, headers: [.ifNoneMatch: etag]).status == .notModified)
                #expect(try await client.json(tree, .get, token: outsider).status == .notFound)
                let near = "/v1/buildings/\(h.buildingID)/assets/near?x=500&y=500&z=1&radius=2&fields=id,name,distance"
                #expect(try await client.json(near, .get, token: viewer).body.jsonArrayItems.isEmpty)
                #expect(try await client.json(near, .get, token: outsider).status == .notFound)
                #expect(try await client.json("/v1/buildings/\(UUID())/assets/near?x=0&y=0&z=0&radius=1", .get,
                                              token: viewer).status == .notFound)

                // Own writes: an asset created far from the others is found at once, counted in
                // the outline, and gone again once deleted.
                let created = try await client.json("/v1/assets", .post, token: fm, body: [
                    "kind": "equipment", "name": "Cache probe", "site_id": h.security.siteA.uuidString,
                    "building_id": h.buildingID.uuidString,
                    "box": ["min": ["x": 499.5, "y": 499.5, "z": 0], "max": ["x": 500.5, "y": 500.5, "z": 2]]])
                #expect(created.status == .created)
                let id = try #require(created.body.jsonObject?["id"] as? String)
                let found = try await client.json(near, .get, token: viewer).body.jsonArrayItems
                #expect(found.map { $0["id"] as? String } == [id])
                #expect((found.first?["distance"] as? NSNumber)?.doubleValue == 0)
                let counted = try await client.json(tree, .get, token: viewer)
                #expect(counted.headers[.eTag] != etag)
                let counts = counted.body.jsonObject?["asset_counts"] as? [String: Any]
                let before = expected.body.jsonObject?["asset_counts"] as? [String: Any]
                #expect((counts?["equipment"] as? Int ?? 0) == (before?["equipment"] as? Int ?? 0) + 1)
                #expect(try await client.json("/v1/assets/\(id)", .delete, token: fm).status == .noContent)
                #expect(try await client.json(near, .get, token: viewer).body.jsonArrayItems.isEmpty)
                #expect(try await client.json(tree, .get, token: viewer).body == expected.body)
                #expect(cache.statistics.flushes >= 2)
            }
        }
    }
}
