import Foundation
import Testing
import TwinDomain
@testable import TwinServices

/// The capacity row cache trusts itself only while the change feed listens, and forgets a place's
/// rows on any change to assets or systems.
@Suite struct CapacityRowCacheTests {
    let site = UUID()
    var row: CapacityAssetRow { CapacityAssetRow(id: UUID(), kind: .rack, name: "R", siteID: site) }

    @Test func cachesOnlyWhileListeningAndDropsOnChanges() {
        let cache = CapacityRowCache()
        cache.store(rows: [row], systems: [:], siteID: site, buildingID: nil, loadedAt: .now)
        #expect(cache.rows(siteID: site, buildingID: nil) == nil, "not listening: nothing kept")
        cache.twinChanged(.reset(listening: true))
        cache.store(rows: [row], systems: [:], siteID: site, buildingID: nil, loadedAt: .now)
        #expect(cache.rows(siteID: site, buildingID: nil)?.rows.count == 1)
        cache.twinChanged(.changed(tables: ["readings_latest"]))
        #expect(cache.rows(siteID: site, buildingID: nil) != nil, "unrelated tables keep it")
        cache.twinChanged(.changed(tables: ["assets"]))
        #expect(cache.rows(siteID: site, buildingID: nil) == nil, "an asset change drops it")
        cache.store(rows: [row], systems: [:], siteID: site, buildingID: nil, loadedAt: .now)
        cache.twinChanged(.reset(listening: false))
        #expect(cache.rows(siteID: site, buildingID: nil) == nil, "a lost feed drops it")
        cache.store(rows: [row], systems: [:], siteID: site, buildingID: nil, loadedAt: .now)
        #expect(cache.rows(siteID: site, buildingID: nil) == nil, "and keeps nothing until it listens again")
    }

    @Test func rowsOlderThanTheirAgeAreReadAgain() {
        let cache = CapacityRowCache(rowsMaxAge: .milliseconds(1))
        cache.twinChanged(.reset(listening: true))
        cache.store(rows: [row], systems: [:], siteID: site, buildingID: nil, loadedAt: .now - .seconds(1))
        #expect(cache.rows(siteID: site, buildingID: nil) == nil)
    }
}
