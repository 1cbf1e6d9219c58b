import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TwinDomain
@testable import TwinAPI

/// The BIM document and geometry routes over HTTP, on the sample data centre imported once
/// through the real pipeline (see ``TwinSampleHarness``). The services behind them have their
/// own tests; these check what a client sees: status, media type, body, ETag/304, problems.
@Suite("Twin BIM and geometry routes (sample import)", .serialized,
       .enabled(if: TwinSampleHarness.available, "\(TwinSampleHarness.skipMessage)"), .sampleImport)
struct TwinSampleAPITests {
    static func harness() throws -> TwinSampleHarness { try #require(TwinSampleHarness.current, "the suite trait imports the sample") }

    static func errors(_ body: ByteBuffer) -> [[String: Any]] { (body.jsonObject?["errors"] as? [[String: Any]]) ?? [] }

    static func expectNotFound(_ response: (status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer), _ what: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == .notFound, "\(what)", sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/problem+json", "\(what)", sourceLocation: sourceLocation)
        #expect(response.body.jsonObject?["status"] as? Int == 404, "\(what)", sourceLocation: sourceLocation)
    }

    /// Checks the GLB container (magic, version 2, total length, a JSON first chunk that
    /// parses as a glTF 2.0 asset) and returns its JSON.
    static func glbJSON(_ body: ByteBuffer, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let bytes = Array(body.readableBytesView)
        try #require(bytes.count >= 20, "GLB header and first chunk header", sourceLocation: sourceLocation)
        func uint32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        #expect(Array(bytes[0..<4]) == Array("glTF".utf8), sourceLocation: sourceLocation)
        #expect(uint32(4) == 2, "GLB version", sourceLocation: sourceLocation)
        #expect(uint32(8) == bytes.count, "declared length", sourceLocation: sourceLocation)
        let jsonLength = uint32(12)
        #expect(Array(bytes[16..<20]) == Array("JSON".utf8), "first chunk is JSON", sourceLocation: sourceLocation)
        try #require(20 + jsonLength <= bytes.count, sourceLocation: sourceLocation)
        let json = try JSONSerialization.jsonObject(with: Data(bytes[20..<(20 + jsonLength)]))
        let object = try #require(json as? [String: Any], sourceLocation: sourceLocation)
        #expect((object["asset"] as? [String: Any])?["version"] as? String == "2.0", sourceLocation: sourceLocation)
        #expect(((object["meshes"] as? [Any])?.count ?? 0) > 0, "has meshes", sourceLocation: sourceLocation)
        return object
    }

    @Test("lookup by IFC GlobalId: by-global-id routes answer the object, lists filter by global_id and q; scoped; bad ids are 400")
    func globalIDLookup() async throws {
        let h = try Self.harness()
        let assets = try await h.assets()
        let devices = assets.filter { $0.kind == .device && $0.source.ifcGlobalID != nil }
        try #require(devices.count >= 2)
        let (first, second) = (devices[0], devices[1])
        let firstGID = try #require(first.source.ifcGlobalID), secondGID = try #require(second.source.ifcGlobalID)
        let space = try #require(try await h.spaces().first { $0.source.ifcGlobalID != nil })
        let floor = try #require(try await h.floors().first { $0.source.ifcGlobalID != nil })
        try await h.application.test(.router) { client in
            let viewer = try await client.login("viewerA").access
            let outsider = try await client.login("viewerB1").access

            let found = try await client.json("/v1/assets/by-global-id/\(firstGID)", .get, token: viewer)
            #expect(found.status == .ok)
            #expect(found.body.jsonObject?["id"] as? String == first.id.uuidString.lowercased())
            #expect(found.headers[.contentLocation] == "/v1/assets/\(first.id.uuidString.lowercased())")
            #expect(found.headers[.eTag] == "\"r\(first.revision)\"")
            let projected = try await client.json("/v1/assets/by-global-id/\(firstGID)?fields=id,name", .get, token: viewer)
            #expect(projected.body.jsonObject.map { Set($0.keys) } == ["id", "name"])
            Self.expectNotFound(try await client.json("/v1/assets/by-global-id/\(firstGID)", .get, token: outsider), "out of scope")
            Self.expectNotFound(try await client.json("/v1/assets/by-global-id/0000000000000000000000", .get, token: viewer), "unknown")
            #expect(try await client.json("/v1/assets/by-global-id/not%20a%20guid!", .get, token: viewer).status == .badRequest)
            let inModel = try await client.json("/v1/assets/by-global-id/\(firstGID)?model=\(h.modelID.uuidString.lowercased())",
                                                .get, token: viewer)
            #expect(inModel.status == .ok)
            Self.expectNotFound(try await client.json("/v1/assets/by-global-id/\(firstGID)?model=\(UUID().uuidString.lowercased())",
                                                      .get, token: viewer), "another model")

            let spaceFound = try await client.json("/v1/spaces/by-global-id/\(space.source.ifcGlobalID!)", .get, token: viewer)
            #expect(spaceFound.status == .ok)
            #expect(spaceFound.body.jsonObject?["id"] as? String == space.id.uuidString.lowercased())
            let floorFound = try await client.json("/v1/floors/by-global-id/\(floor.source.ifcGlobalID!)", .get, token: viewer)
            #expect(floorFound.body.jsonObject?["id"] as? String == floor.id.uuidString.lowercased())
            // A space's GlobalId names no asset.
            Self.expectNotFound(try await client.json("/v1/assets/by-global-id/\(space.source.ifcGlobalID!)", .get, token: viewer),
                                "kinds are separate")

            func ids(_ uri: String, _ token: String) async throws -> Set<String> {
                let response = try await client.json(uri, .get, token: token)
                #expect(response.status == .ok, "\(uri)")
                return Set(response.body.jsonArrayItems.compactMap { $0["id"] as? String })
            }
            let both: Set = [first.id.uuidString.lowercased(), second.id.uuidString.lowercased()]
            #expect(try await ids("/v1/assets?global_id=\(firstGID),\(secondGID)", viewer) == both)
            #expect(try await ids("/v1/assets?global_id=\(firstGID)&global_id=\(secondGID)", viewer) == both)
            #expect(try await ids("/v1/assets?global_id=\(firstGID)", outsider).isEmpty)
            #expect(try await ids("/v1/assets?q=\(firstGID)", viewer) == [first.id.uuidString.lowercased()])
            #expect(try await client.json("/v1/assets?global_id=bad%21id", .get, token: viewer).status == .badRequest)
            if let named = assets.first(where: { $0.source.cobieName != nil }), let name = named.source.cobieName {
                let query = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                #expect(try await ids("/v1/assets?cobie_name=\(query)", viewer).contains(named.id.uuidString.lowercased()))
            }
        }
    }

    @Test("GET /v1/assets/{id}/bim: the MongoDB document of an imported asset; 404 for a manual asset, out of scope, unknown")
    func bimDocument() async throws {
        let h = try Self.harness()
        let assets = try await h.assets()
        let device = try #require(assets.first { $0.kind == .device && $0.source.ifcGlobalID != nil })
        let globalID = try #require(device.source.ifcGlobalID)
        try await h.application.test(.router) { client in
            let viewer = try await client.login("viewerA").access
            let outsider = try await client.login("viewerB1").access
            let fm = try await client.login("fmA").access

            let response = try await client.json("/v1/assets/\(device.id)/bim", .get, token: viewer)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(response.headers[.eTag] != nil)
            let document = try #require(response.body.jsonObject)
            #expect(document["global_id"] as? String == globalID)
            #expect(document["ifc_type"] as? String == "IfcCommunicationsAppliance")
            #expect(document["name"] as? String == device.name)
            #expect(document["model_id"] as? String == h.modelID.uuidString.lowercased())
            #expect(document["version"] as? Int == 1)
            let sets = try #require(document["property_sets"] as? [String: Any])
            // Property values keep their IFC type next to the value (samples/README.md: every
            // occurrence carries Pset_ManufacturerOccurrence).
            let occurrence = try #require(sets["Pset_ManufacturerOccurrence"] as? [String: Any], "\(sets.keys.sorted())")
            let serial = try #require(occurrence["SerialNumber"] as? [String: Any], "\(occurrence)")
            #expect(serial["value"] as? String == device.serialNumber)
            #expect((serial["type"] as? String)?.hasPrefix("Ifc") == true, "typed value: \(serial)")
            // Relations by reference: the device's rack (its IFC parent) and its type object.
            let relations = try #require(document["relations"] as? [String: Any])
            let parent = try #require(relations["parent"] as? [String: Any], "\(relations)")
            #expect(parent["type"] as? String == "IfcFurniture")
            #expect((relations["type"] as? [String: Any])?["type"] as? String == "IfcCommunicationsApplianceType")
            #expect(document["classifications"] is [Any])

            let manual = try await client.json("/v1/assets", .post, token: fm, body: [
                "kind": "sensor", "name": "Hand-placed probe", "site_id": h.security.siteA.uuidString,
                "building_id": h.buildingID.uuidString,
                "position": ["x": 1.0, "y": 1.0, "z": 1.0],
            ])
            #expect(manual.status == .created, "\(String(buffer: manual.body))")
            let manualID = try #require(manual.body.jsonObject?["id"] as? String)
            Self.expectNotFound(try await client.json("/v1/assets/\(manualID)/bim", .get, token: viewer), "manual asset (no model)")
            Self.expectNotFound(try await client.json("/v1/assets/\(device.id)/bim", .get, token: outsider), "out of scope")
            Self.expectNotFound(try await client.json("/v1/assets/\(UUID())/bim", .get, token: viewer), "unknown id")
            Self.expectNotFound(try await client.json("/v1/assets/not-a-uuid/bim", .get, token: viewer), "malformed id names nothing")
        }
    }

    @Test("GET …/geometry.glb for a floor, a space, an asset and a building box: GLB 2.0, ETag, 304, problems")
    func geometry() async throws {
        let h = try Self.harness()
        let floor = try #require(try await h.floors().first { $0.source.ifcGlobalID != nil })
        let space = try #require(try await h.spaces().first { $0.source.ifcGlobalID != nil && $0.floorID == floor.id })
        let rack = try #require(try await h.assets().first { $0.kind == .rack && $0.source.ifcGlobalID != nil })
        let building = h.buildingID
        // The first data hall's lower half: racks, aisles and walls, but not the whole building.
        let box = "0,0,-1,12,12,3"
        let urls = [
            "/v1/floors/\(floor.id)/geometry.glb",
            "/v1/spaces/\(space.id)/geometry.glb",
            "/v1/assets/\(rack.id)/geometry.glb",
            "/v1/buildings/\(building)/geometry.glb?bbox=\(box)",
        ]
        try await h.application.test(.router) { client in
            let viewer = try await client.login("viewerA").access
            let outsider = try await client.login("viewerB1").access
            var etags: Set<String> = []
            for url in urls {
                let response = try await client.json(url, .get, token: viewer)
                try #require(response.status == .ok, "\(url): \(String(buffer: response.body).prefix(300))")
                #expect(response.headers[.contentType] == "model/gltf-binary", "\(url)")
                let etag = try #require(response.headers[.eTag], "\(url)")
                etags.insert(etag)
                _ = try Self.glbJSON(response.body)

                let again = try await client.json(url, .get, token: viewer, headers: [.ifNoneMatch: etag])
                #expect(again.status == .notModified, "\(url)")
                #expect(again.body.readableBytes == 0, "\(url): 304 has no body")
                #expect(again.headers[.eTag] == etag, "\(url)")

                Self.expectNotFound(try await client.json(url, .get, token: outsider), "\(url) out of scope")
            }
            #expect(etags.count == urls.count, "each target has its own tag")

            // The whole building without a box, and a box that catches nothing.
            let whole = try await client.json("/v1/buildings/\(building)/geometry.glb", .get, token: viewer)
            #expect(whole.status == .ok)
            _ = try Self.glbJSON(whole.body)
            Self.expectNotFound(try await client.json("/v1/buildings/\(building)/geometry.glb?bbox=1000,1000,1000,1001,1001,1001",
                                                      .get, token: viewer), "box with no products")

            for bad in ["0,0,0,1,1", "a,0,0,1,1,1", "5,0,0,1,1,1", "0,0,0,1,1,inf"] {
                let response = try await client.json("/v1/buildings/\(building)/geometry.glb?bbox=\(bad)", .get, token: viewer)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(bad)")
                #expect(Self.errors(response.body).first?["field"] as? String == "bbox", "\(bad)")
            }
            for url in ["/v1/floors/\(UUID())/geometry.glb", "/v1/spaces/\(UUID())/geometry.glb", "/v1/assets/\(UUID())/geometry.glb",
                        "/v1/buildings/\(UUID())/geometry.glb"] {
                Self.expectNotFound(try await client.json(url, .get, token: viewer), "\(url) unknown")
            }
            // The seeded building A1 of site A has no model, so no geometry.
            Self.expectNotFound(try await client.json("/v1/buildings/\(h.security.buildingA1)/geometry.glb", .get, token: viewer),
                                "building without a model")
        }
    }

    @Test("GET /v1/buildings/{id}/tiles: one tile per storey, with boxes consistent with the floors and working URLs")
    func tileIndex() async throws {
        let h = try Self.harness()
        let floors = try await h.floors().filter { $0.source.ifcGlobalID != nil }
        try #require(floors.count == 2, "the sample has two storeys")
        try await h.application.test(.router) { client in
            let viewer = try await client.login("viewerA").access
            let url = "/v1/buildings/\(h.buildingID)/tiles"
            let response = try await client.json(url, .get, token: viewer)
            #expect(response.status == .ok)
            let index = try #require(response.body.jsonObject)
            #expect(index["building_id"] as? String == h.buildingID.uuidString.lowercased())
            #expect(index["model_id"] as? String == h.modelID.uuidString.lowercased())
            #expect(index["version"] as? Int == 1)
            let tiles = try #require(index["tiles"] as? [[String: Any]])
            #expect(tiles.count == floors.count)
            for floor in floors {
                let tile = try #require(tiles.first { $0["floor_id"] as? String == floor.id.uuidString.lowercased() }, "\(floor.name)")
                #expect(tile["global_id"] as? String == floor.source.ifcGlobalID)
                #expect(tile["name"] as? String == floor.name)
                #expect(((tile["product_count"] as? Int) ?? 0) > 0, "\(floor.name)")
                #expect(((tile["bytes"] as? Int) ?? 0) > 0, "\(floor.name)")
                let box = try #require(tile["box"] as? [String: Any], "\(floor.name)")
                let min = try #require(box["min"] as? [String: Double]), max = try #require(box["max"] as? [String: Double])
                for axis in ["x", "y", "z"] { #expect(min[axis]! <= max[axis]!, "\(floor.name) \(axis)") }
                // The storey's contents start at its elevation and stay inside the building's plan.
                let elevation = try #require(floor.elevation)
                #expect(abs(min["z"]! - elevation) < 0.5, "\(floor.name): tile z \(min["z"]!) vs elevation \(elevation)")
                if let floorBox = floor.box {
                    #expect(min["x"]! < floorBox.max.x && max["x"]! > floorBox.min.x, "\(floor.name): overlaps the floor in x")
                    #expect(min["y"]! < floorBox.max.y && max["y"]! > floorBox.min.y, "\(floor.name): overlaps the floor in y")
                }
                let tileURL = try #require(tile["url"] as? String)
                #expect(tileURL == "/v1/floors/\(floor.id.uuidString.lowercased())/geometry.glb")
                let glb = try await client.json(tileURL, .get, token: viewer)
                #expect(glb.status == .ok)
                #expect(glb.body.readableBytes == tile["bytes"] as? Int, "\(floor.name): the index tells the tile's size")
            }
            // Storeys stack: the upper tile starts above the lower one.
            let bottoms = tiles.compactMap { (($0["box"] as? [String: Any])?["min"] as? [String: Double])?["z"] }.sorted()
            #expect(bottoms.count == 2 && bottoms[1] > bottoms[0])

            let etag = try #require(response.headers[.eTag])
            #expect(try await client.json(url, .get, token: viewer, headers: [.ifNoneMatch: etag]).status == .notModified)
            Self.expectNotFound(try await client.json(url, .get, token: try await client.login("viewerB1").access), "out of scope")
            Self.expectNotFound(try await client.json("/v1/buildings/\(UUID())/tiles", .get, token: viewer), "unknown building")
        }
    }

    @Test("GET …/assets/near on the sample: nearest first, limit is a prefix of the longer answer, fields=, limit bounds")
    func nearOnTheSample() async throws {
        let h = try Self.harness()
        let device = try #require(try await h.assets().first { $0.kind == .device && $0.position != nil })
        let p = try #require(device.position)
        let base = "/v1/buildings/\(h.buildingID)/assets/near?x=\(p.x)&y=\(p.y)&z=\(p.z)"
        try await h.application.test(.router) { client in
            let viewer = try await client.login("viewerA").access
            // Far more candidates than the limit: the cut must keep the nearest ones.
            let all = try await client.json("\(base)&radius=30&limit=1000", .get, token: viewer)
            #expect(all.status == .ok)
            let items = all.body.jsonArrayItems
            #expect(items.count > 100, "the sample has hundreds of assets within 30 m")
            let distances = items.compactMap { ($0["distance"] as? NSNumber)?.doubleValue }
            #expect(distances.count == items.count)
            #expect(zip(distances, distances.dropFirst()).allSatisfy { $0 <= $1 }, "nearest first")
            #expect(distances.allSatisfy { $0 <= 30 })
            #expect((items.first?["distance"] as? NSNumber)?.doubleValue == 0, "the device's own box holds the point")

            let byDefault = try await client.json("\(base)&radius=30", .get, token: viewer)
            let defaultItems = byDefault.body.jsonArrayItems
            #expect(defaultItems.count == SpatialQueryController.defaultHitLimit)
            let ids = { (list: [[String: Any]]) in list.compactMap { $0["id"] as? String } }
            let cut = { (list: [[String: Any]]) in list.compactMap { ($0["distance"] as? NSNumber)?.doubleValue } }
            #expect(cut(defaultItems) == Array(distances.prefix(defaultItems.count)), "the default cut is the nearest prefix")
            let five = try await client.json("\(base)&radius=30&limit=5&fields=id,distance", .get, token: viewer)
            let fiveItems = five.body.jsonArrayItems
            #expect(ids(fiveItems) == Array(ids(items).prefix(5)))
            #expect(fiveItems.allSatisfy { Set($0.keys) == ["id", "distance"] }, "fields= projects each hit")

            // The compact default (built by PostgreSQL) and the full assets (fields naming a member only
            // the full path has) are the same hits in the same order, with the same distances.
            #expect(Set(defaultItems.first?.keys.map { $0 } ?? []) == Set(SpatialHitMember.compactDefault.map(\.rawValue)))
            let full = try await client.json("\(base)&radius=30&fields=id,distance,box,kind", .get, token: viewer).body.jsonArrayItems
            #expect(ids(full) == ids(defaultItems) && cut(full) == cut(defaultItems))
            #expect(full.allSatisfy { $0["box"] != nil })
            for path in ["assets/in-box?bbox=-100,-100,-100,100,100,100", "assets/nearest?x=\(p.x)&y=\(p.y)&z=\(p.z)&kind=rack&limit=5"] {
                let compact = try await client.json("/v1/buildings/\(h.buildingID)/\(path)", .get, token: viewer).body.jsonArrayItems
                let whole = try await client.json("/v1/buildings/\(h.buildingID)/\(path)&fields=id,box", .get, token: viewer).body.jsonArrayItems
                #expect(!compact.isEmpty && ids(compact) == ids(whole), "\(path)")
            }

            let racks = try await client.json("\(base)&radius=30&kind=rack&limit=1000", .get, token: viewer).body.jsonArrayItems
            #expect(!racks.isEmpty && racks.allSatisfy { $0["kind"] as? String == "rack" })
            #expect(ids(racks) == ids(items.filter { $0["kind"] as? String == "rack" }), "kind filters without reordering")

            for bad in ["limit=0", "limit=1001", "limit=x"] {
                let response = try await client.json("\(base)&radius=3&\(bad)", .get, token: viewer)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(Self.errors(response.body).first?["field"] as? String == "limit", "\(bad)")
            }
            #expect(Self.errors(try await client.json("\(base)&radius=0", .get, token: viewer).body).first?["field"] as? String == "radius")
        }
    }
}
