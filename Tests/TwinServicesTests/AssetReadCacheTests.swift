import Foundation
import Testing
import TwinDomain
@testable import TwinServices

@Suite("Asset read cache")
struct AssetReadCacheTests {
    static let site = UUID()
    static let otherSite = UUID()
    static let building = UUID()

    static func asset(_ id: UUID = UUID(), site: UUID = AssetReadCacheTests.site, building: UUID? = AssetReadCacheTests.building,
                      name: String = "rack A1", revision: Int = 1) -> Asset {
        Asset(id: id, siteID: site, buildingID: building, kind: .rack, name: name, revision: revision)
    }

    /// A cache whose feed is listening, as it is once `LISTEN twin_changed` succeeded.
    static func listening(capacity: Int = 100) -> AssetReadCache {
        let cache = AssetReadCache(capacity: capacity)
        cache.twinChanged(.reset(listening: true))
        return cache
    }

    static func ticket(_ cache: AssetReadCache, _ id: UUID) throws -> AssetReadCache.Ticket {
        guard case .miss(let ticket) = cache.lookup(id: id, scope: .everything) else {
            Issue.record("expected a miss")
            throw CancellationError()
        }
        return ticket
    }

    static func isVisible(_ lookup: AssetReadCache.Lookup) -> Asset? {
        if case .visible(let entry) = lookup { return entry.asset }
        return nil
    }

    @Test("a hit applies the caller's scope exactly like the SQL predicate")
    func scopeOnHits() throws {
        let cache = Self.listening()
        let asset = Self.asset()
        #expect(cache.store(asset, ticket: try Self.ticket(cache, asset.id)) != nil)

        #expect(Self.isVisible(cache.lookup(id: asset.id, scope: .everything)) == asset)
        #expect(Self.isVisible(cache.lookup(id: asset.id, scope: AccessScope(siteIDs: [Self.site]))) == asset)
        #expect(Self.isVisible(cache.lookup(id: asset.id, scope: AccessScope(buildingIDs: [Self.building]))) == asset)
        for scope in [AccessScope(siteIDs: [Self.otherSite]), AccessScope(buildingIDs: [UUID()]), .nothing] {
            guard case .invisible = cache.lookup(id: asset.id, scope: scope) else {
                Issue.record("an asset outside \(scope) must look missing")
                continue
            }
        }
        // No building: only a site (or global) grant sees it, as `building_id = ANY(…)` is never true for NULL.
        let loose = Self.asset(building: nil)
        cache.store(loose, ticket: try Self.ticket(cache, loose.id))
        guard case .invisible = cache.lookup(id: loose.id, scope: AccessScope(buildingIDs: [Self.building])) else {
            Issue.record("a building grant must not see a site-level asset")
            return
        }
        #expect(Self.isVisible(cache.lookup(id: loose.id, scope: AccessScope(siteIDs: [Self.site]))) == loose)
    }

    @Test("a read that began before a flush cannot insert its row afterwards")
    func generationGuard() throws {
        let cache = Self.listening()
        let old = Self.asset(name: "before")
        for flush in [{ cache.invalidate() }, { cache.twinChanged(.changed(tables: ["assets"])) },
                      { cache.twinChanged(.changed(tables: ["system_assets"])) }, { cache.twinChanged(.reset(listening: true)) }] {
            let ticket = try Self.ticket(cache, old.id)
            flush()                                   // the change commits while the read is in flight
            #expect(cache.store(old, ticket: ticket) == nil)
            guard case .miss = cache.lookup(id: old.id, scope: .everything) else {
                Issue.record("the stale row must not be cached")
                return
            }
        }
        #expect(cache.statistics.refusedInserts == 4)
        // A fresh read after the flush is accepted.
        let new = Self.asset(old.id, name: "after", revision: 2)
        #expect(cache.store(new, ticket: try Self.ticket(cache, old.id)) != nil)
        #expect(Self.isVisible(cache.lookup(id: old.id, scope: .everything))?.name == "after")
    }

    @Test("changes to tables outside the asset row keep the cache; asset tables flush it")
    func tableFilter() throws {
        let cache = Self.listening()
        let asset = Self.asset()
        cache.store(asset, ticket: try Self.ticket(cache, asset.id))
        cache.twinChanged(.changed(tables: ["import_jobs"]))
        #expect(Self.isVisible(cache.lookup(id: asset.id, scope: .everything)) == asset)
        cache.twinChanged(.changed(tables: ["spaces", "system_assets"]))
        guard case .miss = cache.lookup(id: asset.id, scope: .everything) else {
            Issue.record("system_assets changes system_ids: must flush")
            return
        }
    }

    @Test("bypassed entirely until the feed listens, and again from the moment it drops")
    func bypassWhenDisconnected() throws {
        let cache = AssetReadCache(capacity: 100)
        let asset = Self.asset()
        guard case .bypass = cache.lookup(id: asset.id, scope: .everything) else {
            Issue.record("a cache whose feed never listened must be bypassed")
            return
        }
        #expect(!cache.isActive)
        #expect(cache.store(asset, ticket: AssetReadCache.Ticket(generation: 0)) == nil)

        cache.twinChanged(.reset(listening: true))
        #expect(cache.isActive)
        let ticket = try Self.ticket(cache, asset.id)
        #expect(cache.store(asset, ticket: ticket) != nil)
        #expect(Self.isVisible(cache.lookup(id: asset.id, scope: .everything)) == asset)

        cache.twinChanged(.reset(listening: false))       // connection lost
        guard case .bypass = cache.lookup(id: asset.id, scope: .everything) else {
            Issue.record("a cache whose feed dropped must be bypassed")
            return
        }
        #expect(cache.store(asset, ticket: ticket) == nil)
        #expect(cache.statistics.count == 0)

        cache.twinChanged(.reset(listening: true))       // listening again: starts empty
        guard case .miss = cache.lookup(id: asset.id, scope: .everything) else {
            Issue.record("after a reconnect the cache must start empty")
            return
        }
    }

    @Test("the size is bounded, and 0 disables the cache")
    func sizeBound() throws {
        let cache = Self.listening(capacity: 3)
        var ids: [UUID] = []
        for index in 0..<10 {
            let asset = Self.asset(name: "a\(index)")
            ids.append(asset.id)
            #expect(cache.store(asset, ticket: try Self.ticket(cache, asset.id)) != nil)
            #expect(cache.statistics.count <= 3)
        }
        #expect(cache.statistics.count == 3)
        // The last insert is always kept.
        #expect(Self.isVisible(cache.lookup(id: ids[9], scope: .everything))?.name == "a9")

        let off = AssetReadCache(capacity: 0)
        off.twinChanged(.reset(listening: true))
        #expect(!off.isActive)
        guard case .bypass = off.lookup(id: ids[0], scope: .everything) else {
            Issue.record("size 0 must bypass")
            return
        }
    }

    @Test("a body is kept only with the very value it was rendered from")
    func bodies() throws {
        let cache = Self.listening()
        let asset = Self.asset()
        let entry = try #require(cache.store(asset, ticket: try Self.ticket(cache, asset.id)))
        cache.attach(body: Array("v1".utf8), to: entry)
        guard case .visible(let hit) = cache.lookup(id: asset.id, scope: .everything) else {
            Issue.record("expected a hit")
            return
        }
        #expect(hit.body == Array("v1".utf8))

        cache.invalidate()
        let newer = Self.asset(asset.id, name: "renamed", revision: 2)
        cache.store(newer, ticket: try Self.ticket(cache, asset.id))
        cache.attach(body: Array("stale".utf8), to: entry)   // rendered from the old value: ignored
        guard case .visible(let fresh) = cache.lookup(id: asset.id, scope: .everything) else {
            Issue.record("expected a hit")
            return
        }
        #expect(fresh.asset.name == "renamed")
        #expect(fresh.body == nil)
    }

    @Test("ATRIUM_ASSET_CACHE_SIZE: default, a count, 0, and malformed values")
    func capacityVariable() throws {
        #expect(try AssetReadCache.capacity(environment: [:]) == AssetReadCache.defaultCapacity)
        #expect(try AssetReadCache.capacity(environment: ["ATRIUM_ASSET_CACHE_SIZE": " 500 "]) == 500)
        #expect(try AssetReadCache.capacity(environment: ["ATRIUM_ASSET_CACHE_SIZE": "0"]) == 0)
        for bad in ["-1", "lots", "1e3"] {
            #expect(throws: ConfigurationError.self) {
                try AssetReadCache.capacity(environment: ["ATRIUM_ASSET_CACHE_SIZE": bad])
            }
        }
    }
}
