import Foundation
import Testing
import TwinDomain
@testable import TwinServices

@Suite("Building read cache")
struct BuildingReadCacheTests {
    static let site = UUID()
    static let building = UUID()

    static func table(site: UUID = BuildingReadCacheTests.site, names: [String] = ["R1", "Quote \" and \\ and \n"]) -> SpatialHitTable {
        let records = names.enumerated().map { n, name in
            SpatialCatalog.Record(id: UUID(), kind: .rack, name: name, tag: n == 0 ? nil : "T\(n)", revision: n + 1, siteID: site,
                                  buildingID: building, floorID: nil, spaceID: nil, typeID: nil, parentID: nil, modelID: nil,
                                  source: SourceReference(ifcGlobalID: "0abc\(n)"),
                                  position: Point3D(x: Double(n), y: 0, z: 1.5),
                                  extent: Box3D(min: Point3D(x: Double(n), y: 0, z: 0), max: Point3D(x: Double(n) + 0.5, y: 1, z: 2)),
                                  anchor: Point3D(x: Double(n), y: 0, z: 1.5))
        }
        return SpatialHitTable(catalog: SpatialCatalog(buildingID: building, siteID: site, records: records))
    }

    static func listening() -> BuildingReadCache {
        let cache = BuildingReadCache(capacity: 4)
        cache.twinChanged(.reset(listening: true))
        return cache
    }

    static func missTicket(_ lookup: BuildingReadCache.Lookup<SpatialHitTable>) -> BuildingReadCache.Ticket? {
        if case .miss(let ticket) = lookup { return ticket }
        return nil
    }

    @Test("hits are valid JSON with the members asked for, in order, strings escaped")
    func hitsJSON() throws {
        let table = Self.table()
        let filter = SpatialFilter(buildingID: Self.building)
        let json = table.hitsJSON(.nearest(point: Point3D(x: 0, y: 0, z: 1.5), limit: 10), filter: filter,
                                  members: SpatialHitMember.allCases, scope: .everything)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items.map { $0["name"] as? String } == ["R1", "Quote \" and \\ and \n"])
        #expect(items.first?["tag"] is NSNull)
        #expect(items.last?["tag"] as? String == "T1")
        #expect(items.first?["distance"] as? Double == 0)
        #expect(items.last?["distance"] as? Double == 1)
        #expect((items.first?["position"] as? [String: Any])?["z"] as? Double == 1.5)
        #expect((items.first?["source"] as? [String: Any])?["ifc_global_id"] as? String == "0abc0")
        #expect((items.first?["id"] as? String).map { $0 == $0.lowercased() } == true)
        let keys = String(decoding: json, as: UTF8.self).split(separator: "{").dropFirst().first.map(String.init) ?? ""
        #expect(keys.hasPrefix(#""id":"#), "members in the order asked")
        let none = table.hitsJSON(.insideBox(Box3D(min: Point3D(x: 0, y: 0, z: 0), max: Point3D(x: 5, y: 1, z: 1))),
                                  filter: filter, members: [.id, .distance], scope: .everything)
        let boxed = try #require(try JSONSerialization.jsonObject(with: Data(none)) as? [[String: Any]])
        #expect(boxed.count == 2 && boxed.allSatisfy { $0["distance"] is NSNull })
        #expect(table.hitsJSON(.nearest(point: Point3D(x: 0, y: 0, z: 0), limit: 5), filter: filter, members: [.id],
                               scope: .nothing) == Array("[]".utf8), "each hit is scope-checked")
    }

    @Test("lookups: bypass until the feed listens, scope on hits, tickets refused after a flush, table filter")
    func coherence() throws {
        let cache = BuildingReadCache(capacity: 4)
        guard case .bypass = cache.spatial(buildingID: Self.building, scope: .everything) else {
            Issue.record("a cache whose feed is not listening is bypassed")
            return
        }
        cache.twinChanged(.reset(listening: true))
        let ticket = try #require(Self.missTicket(cache.spatial(buildingID: Self.building, scope: .everything)))
        #expect(cache.store(spatial: Self.table(), ticket: ticket))
        guard case .visible = cache.spatial(buildingID: Self.building, scope: AccessScope(siteIDs: [Self.site])) else {
            Issue.record("in scope: visible")
            return
        }
        guard case .invisible = cache.spatial(buildingID: Self.building, scope: AccessScope(siteIDs: [UUID()])) else {
            Issue.record("out of scope: invisible (404)")
            return
        }
        // Unrelated tables keep the entry; a table the outline or hits come from flushes it.
        cache.twinChanged(.changed(tables: ["readings", "points"]))
        guard case .visible = cache.spatial(buildingID: Self.building, scope: .everything) else {
            Issue.record("kept across unrelated changes")
            return
        }
        for table in ["floors", "zone_spaces", "assets"] {
            let before = try #require(Self.missTicket(cache.spatial(buildingID: UUID(), scope: .everything)))
            cache.twinChanged(.changed(tables: [table]))
            #expect(!cache.store(spatial: Self.table(), ticket: before), "a read that raced a change of \(table) is refused")
            #expect(Self.missTicket(cache.spatial(buildingID: Self.building, scope: .everything)) != nil, "\(table) flushes")
        }
        let outlineTicket: BuildingReadCache.Ticket
        if case .miss(let t) = cache.outline(buildingID: Self.building, scope: .everything) { outlineTicket = t } else {
            Issue.record("outline miss")
            return
        }
        #expect(cache.store(outline: Array("{}".utf8), siteID: Self.site, buildingID: Self.building, ticket: outlineTicket))
        guard case .visible(let json) = cache.outline(buildingID: Self.building, scope: .everything), json == Array("{}".utf8) else {
            Issue.record("outline hit")
            return
        }
        cache.twinChanged(.reset(listening: false))
        guard case .bypass = cache.outline(buildingID: Self.building, scope: .everything) else {
            Issue.record("a lost feed bypasses")
            return
        }
        #expect(cache.statistics.refusedInserts == 3)
    }

    @Test("capacity bounds the buildings kept; 0 disables; the variable is validated")
    func capacity() throws {
        let cache = BuildingReadCache(capacity: 2)
        cache.twinChanged(.reset(listening: true))
        for _ in 0..<5 {
            let id = UUID()
            let table = SpatialHitTable(catalog: SpatialCatalog(buildingID: id, siteID: Self.site, records: []))
            if case .miss(let ticket) = cache.spatial(buildingID: id, scope: .everything) { cache.store(spatial: table, ticket: ticket) }
        }
        #expect(cache.statistics.buildings == 2)
        let off = BuildingReadCache(capacity: 0)
        off.twinChanged(.reset(listening: true))
        guard case .bypass = off.spatial(buildingID: Self.building, scope: .everything) else {
            Issue.record("size 0 bypasses")
            return
        }
        #expect(try BuildingReadCache.capacity(environment: [:]) == BuildingReadCache.defaultCapacity)
        #expect(try BuildingReadCache.capacity(environment: ["ATRIUM_BUILDING_CACHE_SIZE": "0"]) == 0)
        #expect(throws: ConfigurationError.self) { try BuildingReadCache.capacity(environment: ["ATRIUM_BUILDING_CACHE_SIZE": "-1"]) }
    }
}
