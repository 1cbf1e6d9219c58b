import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TwinDomain
@testable import TwinAPI

/// Every twin read route × callers, on an object of site A and the same kind of object of
/// site B. A site-A user gets 404 for every site-B object (indistinguishable from missing);
/// an auditor (no assets.read) gets 403; anonymous 401.
@Suite("Twin route access matrix", .serialized, .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct TwinRouteAccessMatrixTests {
    /// Objects of one site, by route placeholder.
    struct Objects {
        var site: UUID, building: UUID, floor: UUID, space: UUID, zone: UUID, system: UUID, type: UUID, asset: UUID, model: UUID
        /// IFC GlobalIds of the building, floor, space and asset, for the by-global-id routes.
        var globalIDs: [String: String] = [:]
    }

    static func objects(_ h: TwinHarness, _ commit: ImportCommitResult) async throws -> Objects {
        let scope = AccessScope.everything
        let site = commit.model.siteID
        let building = try #require(commit.buildingIDs.first)
        let floor = try #require(try await h.store.floors(buildingID: building, page: PageRequest(), scope: scope).items.first)
        let space = try #require(try await h.store.spaces(buildingID: building, floorID: nil, zoneID: nil, text: nil, page: PageRequest(),
                                                          scope: scope).items.first)
        let zone = try #require(try await h.store.zones(buildingID: building, page: PageRequest(), scope: scope).items.first)
        let system = try #require(try await h.store.systems(buildingID: building, page: PageRequest(), scope: scope).items.first)
        let type = try #require(try await h.store.assetTypes(siteID: site, page: PageRequest(), scope: scope).items.first)
        let asset = try #require(try await h.store.assets(AssetQuery(siteID: site, kinds: [.rack]), scope: scope).items.first)
        var objects = Objects(site: site, building: building, floor: floor.id, space: space.id, zone: zone.id, system: system.id,
                              type: type.id, asset: asset.id, model: commit.model.id)
        objects.globalIDs["buildings"] = try await h.store.building(id: building, scope: scope)?.source.ifcGlobalID
        objects.globalIDs["floors"] = floor.source.ifcGlobalID
        objects.globalIDs["spaces"] = space.source.ifcGlobalID
        objects.globalIDs["assets"] = asset.source.ifcGlobalID
        return objects
    }

    /// Route template → concrete URI for one site's objects (nil: a list route, same URI for both).
    static func uri(_ route: String, _ o: Objects) -> String {
        for (collection, globalID) in o.globalIDs where route == "/v1/\(collection)/by-global-id/{guid}" {
            return "/v1/\(collection)/by-global-id/\(globalID)"
        }
        return route.replacingOccurrences(of: "/v1/sites/{id}", with: "/v1/sites/\(o.site)")
            .replacingOccurrences(of: "/v1/buildings/{id}", with: "/v1/buildings/\(o.building)")
            .replacingOccurrences(of: "/v1/floors/{id}", with: "/v1/floors/\(o.floor)")
            .replacingOccurrences(of: "/v1/spaces/{id}", with: "/v1/spaces/\(o.space)")
            .replacingOccurrences(of: "/v1/zones/{id}", with: "/v1/zones/\(o.zone)")
            .replacingOccurrences(of: "/v1/systems/{id}", with: "/v1/systems/\(o.system)")
            .replacingOccurrences(of: "/v1/asset-types/{id}", with: "/v1/asset-types/\(o.type)")
            .replacingOccurrences(of: "/v1/assets/{id}", with: "/v1/assets/\(o.asset)")
            .replacingOccurrences(of: "/v1/models/{id}", with: "/v1/models/\(o.model)")
            .replacingOccurrences(of: "{number}", with: "1")
            .replacingOccurrences(of: "{to}", with: "1")
    }

    static func query(_ route: String) -> String {
        switch route {
        case let r where r.hasSuffix("/spaces/at"): "?x=1&y=1&z=0.5"
        case let r where r.hasSuffix("/assets/near"): "?x=1&y=1&z=0&radius=50"
        case let r where r.hasSuffix("/assets/in-box"): "?bbox=-100,-100,-100,100,100,100"
        case let r where r.hasSuffix("/assets/nearest"): "?x=1&y=1&z=0"
        default: ""
        }
    }

    @Test func everyTwinReadRouteIsScoped() async throws {
        try await TwinHarness.with { h in
            let a = try await Self.objects(h, h.siteA), b = try await Self.objects(h, h.siteB)
            let (router, registry) = try buildValidatedRouter(dependencies: h.dependencies)
            let twinReads = registry.declarations.filter { $0.value == .requires(.assetsRead) }.keys
                .filter { $0.hasPrefix("GET /v1/") && !$0.hasPrefix("GET /v1/live") }.map { String($0.dropFirst(4)) }.sorted()
            #expect(twinReads.count >= 28)
            _ = router
            try await h.application.test(.router) { client in
                let viewer = try await client.login("viewerA").access
                let auditor = try await client.login("auditor").access
                for route in twinReads {
                    let q = Self.query(route)
                    let onA = Self.uri(route, a) + q, onB = Self.uri(route, b) + q
                    #expect(try await client.json(onA, .get).status == .unauthorized, "\(route) anonymous")
                    #expect(try await client.json(onA, .get, token: auditor).status == .forbidden, "\(route) auditor")
                    let own = try await client.json(onA, .get, token: viewer)
                    if route.hasSuffix("/bim") {
                        #expect(own.status == .notFound, "\(route): no document store in this harness")
                    } else {
                        #expect(own.status == .ok, "\(route) viewerA on site A")
                    }
                    guard route.contains("{") else {
                        // Lists: site-B rows never appear.
                        let body = String(decoding: own.body.readableBytesView, as: UTF8.self)
                        for id in [b.site, b.building, b.floor, b.space, b.zone, b.system, b.type, b.asset, b.model] {
                            #expect(!body.contains(id.uuidString.lowercased()), "\(route) leaks a site-B id")
                        }
                        continue
                    }
                    let other = try await client.json(onB, .get, token: viewer)
                    #expect(other.status == .notFound, "\(route) viewerA on site B")
                    #expect(other.headers[.contentType] == "application/problem+json")
                }
            }
        }
    }
}
