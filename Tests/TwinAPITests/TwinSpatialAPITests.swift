import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TwinDomain
@testable import TwinAPI

/// Spatial routes against the hand-made hall (see ``TwinHarness`` for the layout).
@Suite("Twin spatial queries", .serialized, .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct TwinSpatialAPITests {
    static func names(_ body: ByteBuffer) -> [String] { body.jsonArrayItems.compactMap { $0["name"] as? String } }

    @Test func handCheckedHall() async throws {
        try await TwinHarness.with { h in
            let building = try #require(h.siteA.buildingIDs.first)
            let hall1 = try #require(try await h.assetIDs(site: h.siteA)["R1"]?.spaceID)
            try await h.application.test(.router) { client in
                let token = try await client.login("viewerA").access
                let base = "/v1/buildings/\(building)"

                let at1 = try await client.json("\(base)/spaces/at?x=5&y=5&z=1", .get, token: token)
                #expect(at1.body.jsonObject?["name"] as? String == "Hall 1")
                let at2 = try await client.json("\(base)/spaces/at?x=15&y=5&z=1", .get, token: token)
                #expect(at2.body.jsonObject?["name"] as? String == "Hall 2")
                #expect(try await client.json("\(base)/spaces/at?x=25&y=5&z=1", .get, token: token).status == .notFound)
                let noZ = try await client.json("\(base)/spaces/at?x=5&y=5", .get, token: token)
                #expect(noZ.status == .badRequest)
                #expect((noZ.body.jsonObject?["errors"] as? [[String: Any]])?.first?["field"] as? String == "z")

                let near = try await client.json("\(base)/assets/near?x=2&y=2&z=1&radius=1", .get, token: token)
                #expect(near.status == .ok)
                #expect(Set(Self.names(near.body)) == ["R1", "D1 server"])
                let nearRacks = try await client.json("\(base)/assets/near?x=2&y=2&z=1&radius=1&kind=rack", .get, token: token)
                #expect(Self.names(nearRacks.body) == ["R1"])
                #expect(nearRacks.body.jsonArrayItems.first?["distance"] is Double || nearRacks.body.jsonArrayItems.first?["distance"] is Int)

                let box = try await client.json("\(base)/assets/in-box?bbox=0,0,0,10,10,3", .get, token: token)
                #expect(Set(Self.names(box.body)) == ["R1", "D1 server", "S1 temperature"])
                let badBox = try await client.json("\(base)/assets/in-box?bbox=0,0,0,10,10", .get, token: token)
                #expect((badBox.body.jsonObject?["errors"] as? [[String: Any]])?.first?["field"] as? String == "bbox")

                let nearest = try await client.json("\(base)/assets/nearest?x=0&y=0&z=0&kind=cooling_unit&limit=1", .get, token: token)
                #expect(Self.names(nearest.body) == ["C1 CRAC"])
                let nearestRacks = try await client.json("\(base)/assets/nearest?x=13&y=2&z=0&kind=rack&limit=2", .get, token: token)
                #expect(Self.names(nearestRacks.body) == ["R2", "R1"], "KNN order")

                let inHall = try await client.json("/v1/spaces/\(hall1)/assets", .get, token: token)
                #expect(Set(Self.names(inHall.body)).isSuperset(of: ["R1", "D1 server", "S1 temperature"]))
                #expect(!Set(Self.names(inHall.body)).contains("C1 CRAC"))
            }
        }
    }
}
