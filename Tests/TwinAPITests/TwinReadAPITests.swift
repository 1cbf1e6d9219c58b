import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TwinDomain
@testable import TwinAPI

/// Reads on a real PostGIS store: scope, pagination (cursor + Link), `fields`, ETag/304, trees.
@Suite("Twin reads", .serialized, .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct TwinReadAPITests {
    @Test func listsAreScopedPaginatedAndProjected() async throws {
        try await TwinHarness.with { h in
            try await h.application.test(.router) { client in
                let token = try await client.login("fmA").access
                let sites = try await client.json("/v1/sites", .get, token: token)
                #expect(sites.status == .ok)
                let siteIDs = sites.body.jsonArrayItems.compactMap { $0["id"] as? String }
                #expect(siteIDs.contains(h.security.siteA.uuidString.lowercased()))
                #expect(!siteIDs.contains(h.security.siteB.uuidString.lowercased()))

                // Walk the assets two at a time: cursor and Link agree, nothing repeats, nothing from site B.
                var seen: [String] = []
                var uri = "/v1/assets?limit=2&fields=id,name,kind"
                for _ in 0..<20 {
                    let page = try await client.json(uri, .get, token: token)
                    #expect(page.status == .ok)
                    let items = page.body.jsonArrayItems
                    #expect(items.count <= 2)
                    for item in items { #expect(Set(item.keys) == ["id", "name", "kind"]) }
                    seen += items.compactMap { $0["id"] as? String }
                    guard let next = page.body.jsonObject?["next_cursor"] as? String else {
                        #expect(page.headers[HTTPField.Name("Link")!] == nil)
                        break
                    }
                    let link = try #require(page.headers[HTTPField.Name("Link")!])
                    #expect(link.hasSuffix(">; rel=\"next\""))
                    #expect(link.contains("fields=id,name,kind"))
                    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
                    uri = "/v1/assets?limit=2&fields=id,name,kind&cursor=" + next.addingPercentEncoding(withAllowedCharacters: allowed)!
                }
                #expect(seen.count == 5, "R1, D1, R2, S1, C1")
                #expect(Set(seen).count == seen.count)

                let racks = try await client.json("/v1/assets?kind=rack,cooling_unit", .get, token: token)
                #expect(Set(racks.body.jsonArrayItems.compactMap { $0["name"] as? String }) == ["R1", "R2", "C1 CRAC"])
                let text = try await client.json("/v1/assets?q=srv-0", .get, token: token)
                #expect(text.body.jsonArrayItems.compactMap { $0["name"] as? String } == ["D1 server"])
            }
        }
    }

    @Test func singleObjectsCarryRevisionETags() async throws {
        try await TwinHarness.with { h in
            let assets = try await h.assetIDs(site: h.siteA)
            let r1 = try #require(assets["R1"])
            try await h.application.test(.router) { client in
                let token = try await client.login("viewerA").access
                let first = try await client.json("/v1/assets/\(r1.id)", .get, token: token)
                #expect(first.status == .ok)
                let etag = try #require(first.headers[.eTag])
                #expect(etag == "\"r\(r1.revision)\"")
                let object = try #require(first.body.jsonObject)
                #expect(object["site_id"] as? String == h.security.siteA.uuidString.lowercased())
                #expect((object["rack"] as? [String: Any])?["u_height"] as? Int == 42)
                #expect(object["tag"] as? String == "RACK-001")
                let again = try await client.json("/v1/assets/\(r1.id)", .get, token: token, headers: [.ifNoneMatch: etag])
                #expect(again.status == .notModified)
                #expect(again.body.readableBytes == 0)
                let projected = try await client.json("/v1/assets/\(r1.id)?fields=name", .get, token: token)
                #expect(projected.body.jsonObject?.keys.sorted() == ["name"])
                #expect(projected.headers[.eTag] != etag)
                let bad = try await client.json("/v1/assets/\(r1.id)?fields=nope", .get, token: token)
                #expect(bad.status == .badRequest)
                #expect(bad.headers[.contentType] == "application/problem+json")
                #expect((bad.body.jsonObject?["errors"] as? [[String: Any]])?.first?["field"] as? String == "fields")
                let badKind = try await client.json("/v1/assets?kind=toaster", .get, token: token)
                #expect(badKind.status == .badRequest)
                #expect((badKind.body.jsonObject?["errors"] as? [[String: Any]])?.first?["field"] as? String == "kind")
                let badCursor = try await client.json("/v1/assets?cursor=garbage", .get, token: token)
                #expect(badCursor.status == .badRequest)
                #expect((badCursor.body.jsonObject?["errors"] as? [[String: Any]])?.first?["field"] as? String == "cursor")
                let badLimit = try await client.json("/v1/assets?limit=0", .get, token: token)
                #expect((badLimit.body.jsonObject?["errors"] as? [[String: Any]])?.first?["field"] as? String == "limit")
            }
        }
    }

    @Test func buildingTreeNestsDevicesInRacks() async throws {
        try await TwinHarness.with { h in
            let building = try #require(h.siteA.buildingIDs.first)
            try await h.application.test(.router) { client in
                let token = try await client.login("viewerA").access
                let response = try await client.json("/v1/buildings/\(building)/tree?include=assets", .get, token: token)
                #expect(response.status == .ok)
                let tree = try #require(response.body.jsonObject)
                let floors = try #require(tree["floors"] as? [[String: Any]])
                #expect(floors.count == 1)
                let spaces = try #require(floors.first?["spaces"] as? [[String: Any]])
                let hall1 = try #require(spaces.first { ($0["space"] as? [String: Any])?["name"] as? String == "Hall 1" })
                let rack = try #require((hall1["assets"] as? [[String: Any]])?.first { $0["name"] as? String == "R1" })
                #expect((rack["children"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["D1 server"])
                let etag = try #require(response.headers[.eTag])
                let again = try await client.json("/v1/buildings/\(building)/tree?include=assets", .get, token: token,
                                                  headers: [.ifNoneMatch: etag])
                #expect(again.status == .notModified)
                #expect(try await client.json("/v1/buildings/\(building)/tree?include=everything", .get, token: token).status == .badRequest)

                // fields= keeps only the named asset members; children (the nesting) always stay.
                let slim = try await client.json("/v1/buildings/\(building)/tree?include=assets&fields=id,name", .get, token: token)
                #expect(slim.status == .ok)
                #expect(slim.headers[.eTag] != etag)
                let slimSpaces = try #require(((slim.body.jsonObject?["floors"] as? [[String: Any]])?.first?["spaces"]) as? [[String: Any]])
                let slimHall = try #require(slimSpaces.first { ($0["space"] as? [String: Any])?["name"] as? String == "Hall 1" })
                let slimRack = try #require((slimHall["assets"] as? [[String: Any]])?.first { $0["name"] as? String == "R1" })
                #expect(Set(slimRack.keys) == ["id", "name", "children"])
                #expect((slimRack["children"] as? [[String: Any]])?.first.map { Set($0.keys) } == ["id", "name", "children"])
                #expect(slim.body.readableBytes < response.body.readableBytes / 2)
                #expect(try await client.json("/v1/buildings/\(building)/tree?include=assets&fields=nope", .get, token: token).status == .badRequest)
                #expect(try await client.json("/v1/buildings/\(building)/tree?fields=id", .get, token: token).status == .badRequest,
                        "the outline has no assets to project")
            }
        }
    }

    /// The default tree is a navigator's outline: floors, spaces, zones, systems and asset counts
    /// per kind at each level, no assets; counts add up; ETag and 304; 404 out of scope.
    @Test func buildingOutlineCountsAssetsWithoutListingThem() async throws {
        try await TwinHarness.with { h in
            let building = try #require(h.siteA.buildingIDs.first)
            let other = try #require(h.siteB.buildingIDs.first)
            let assets = try await h.store.assets(AssetQuery(buildingID: building, page: PageRequest(limit: 1000)), scope: .everything).items
            try await h.application.test(.router) { client in
                let token = try await client.login("viewerA").access
                let response = try await client.json("/v1/buildings/\(building)/tree", .get, token: token)
                #expect(response.status == .ok)
                let outline = try #require(response.body.jsonObject)
                #expect((outline["building"] as? [String: Any])?["id"] as? String == building.uuidString.lowercased())
                let total = try #require(outline["asset_counts"] as? [String: Int])
                #expect(total.values.reduce(0, +) == assets.count)
                #expect(total["rack"] == assets.filter { $0.kind == .rack }.count)
                let floors = try #require(outline["floors"] as? [[String: Any]])
                let spaces = floors.flatMap { $0["spaces"] as? [[String: Any]] ?? [] }
                #expect(spaces.contains { $0["name"] as? String == "Hall 1" })
                let inSpaces = spaces.compactMap { $0["asset_counts"] as? [String: Int] }.flatMap(\.values).reduce(0, +)
                #expect(inSpaces == assets.filter { $0.spaceID != nil }.count)
                #expect(!String(buffer: response.body).contains("\"assets\""), "no asset lists in the outline")
                #expect((outline["zones"] as? [[String: Any]])?.first?["name"] as? String == "Cold aisle")
                #expect((outline["systems"] as? [[String: Any]])?.first?["asset_count"] as? Int == 1)
                let etag = try #require(response.headers[.eTag])
                #expect(try await client.json("/v1/buildings/\(building)/tree", .get, token: token, headers: [.ifNoneMatch: etag]).status
                        == .notModified)
                #expect(try await client.json("/v1/buildings/\(other)/tree", .get, token: token).status == .notFound)
            }
        }
    }

    @Test func modelsVersionsAndDiff() async throws {
        try await TwinHarness.with { h in
            let model = h.siteA.model.id
            try await h.application.test(.router) { client in
                let token = try await client.login("viewerA").access
                let list = try await client.json("/v1/models", .get, token: token)
                #expect(list.body.jsonArrayItems.compactMap { $0["id"] as? String } == [model.uuidString.lowercased()])
                let versions = try await client.json("/v1/models/\(model)/versions", .get, token: token)
                #expect(versions.body.jsonArrayItems.compactMap { $0["number"] as? Int } == [1])
                let version = try await client.json("/v1/models/\(model)/versions/1", .get, token: token)
                #expect(version.status == .ok)
                #expect(version.headers[.eTag] == "\"v1\"")
                let diff = try await client.json("/v1/models/\(model)/versions/1/diff/1", .get, token: token)
                #expect(diff.status == .ok)
                #expect((diff.body.jsonObject?["added"] as? [Any])?.isEmpty == true)
                let other = try await client.json("/v1/models/\(h.siteB.model.id)", .get, token: token)
                #expect(other.status == .notFound)
            }
        }
    }
}
