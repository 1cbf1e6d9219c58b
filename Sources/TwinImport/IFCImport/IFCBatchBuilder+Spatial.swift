import Foundation
import IFC
import TwinDomain

extension IFCBatchBuilder {
    /// Site, buildings, floors and spaces. Storeys outside any building and spaces outside any storey
    /// are kept by giving them an implied building/floor (key `<parent key>#building` / `#floor`), so no
    /// room of the model is lost.
    mutating func buildSpatial(into batch: inout ImportBatch, projectKey: String) {
        // Site: the outermost IfcSite.
        let sites = model.instances(of: "IfcSite")
        let site = sites.first { s in !spatialChain(s).dropFirst().contains { model.isA($0, "IfcSite") } } ?? sites.first
        let geo = model.georeference()
        var location: GeoLocation?
        if let lat = geo.latitude, let lon = geo.longitude {
            let l = GeoLocation(latitude: lat, longitude: lon, elevation: geo.elevation)
            if l.isValid { location = l } else {
                message(.warning, "IfcSite RefLatitude/RefLongitude are out of range; the site has no location", at: site, code: "ifc.georeference")
            }
        }
        if location == nil, let e = geo.eastings, let n = geo.northings, let crs = geo.crsName,
           let utm = UTMProjection(crsName: crs), let ll = utm.geographic(easting: e, northing: n) {
            // IfcMapConversion's Eastings/Northings place the project origin in the projected CRS.
            location = GeoLocation(latitude: ll.latitude, longitude: ll.longitude, elevation: geo.orthogonalHeight)
        }
        if let site {
            siteKey = key(site)
            batch.site = SiteDraft(key: siteKey, name: name(site) ?? model.string(site, "LongName") ?? "Site",
                                   description: model.string(site, "Description"), location: location,
                                   source: SourceReference(ifcGlobalID: siteKey, sourceType: "IfcSite"))
        } else {
            siteKey = projectKey + "#site"
            batch.site = SiteDraft(key: siteKey, name: batch.projectName ?? "Site", location: location,
                                   source: SourceReference(ifcGlobalID: siteKey, sourceType: "IfcSite (implied)"))
        }

        // Buildings: IfcBuilding, and in IFC4X3 every IfcFacility (bridges, roads, railways…).
        let facilityClass = model.schema.entityIndex(named: "IfcFacility") != nil ? "IfcFacility" : "IfcBuilding"
        for b in model.instances(of: facilityClass) {
            let k = key(b)
            buildingKeys[b] = k
            let elevation = model.double(b, "ElevationOfRefHeight").map { $0 * scale }
            batch.buildings.append(BuildingDraft(key: k, name: name(b) ?? model.string(b, "LongName") ?? "Building",
                                                 description: model.string(b, "Description"), elevation: elevation,
                                                 source: SourceReference(ifcGlobalID: k, sourceType: model.typeName(of: b))))
        }
        var impliedBuilding: String?
        func buildingKey(for id: STEPInstanceID, batch: inout ImportBatch) -> String {
            for a in spatialChain(id).dropFirst() { if let k = buildingKeys[a] { return k } }
            if let impliedBuilding { return impliedBuilding }
            let k = siteKey + "#building"
            batch.buildings.append(BuildingDraft(key: k, name: batch.site.name,
                                                 source: SourceReference(ifcGlobalID: k, sourceType: "IfcBuilding (implied)")))
            impliedBuilding = k
            return k
        }

        // Floors.
        var floorsByBuilding: [String: [Int]] = [:]
        for s in model.instances(of: "IfcBuildingStorey") {
            let k = key(s)
            floorKeys[s] = k
            let b = buildingKey(for: s, batch: &batch)
            buildingOfFloor[k] = b
            let elevation = model.double(s, "Elevation").map { $0 * scale } ?? position(s)?.z
            let lookup = IFCPropertyLookup(relations.propertySets(of: s, type: relations.typeObject(of: s)))
            let height = lookup.double([("Qto_BuildingStoreyBaseQuantities", "GrossHeight"), ("Qto_BuildingStoreyBaseQuantities", "NetHeight"),
                                        ("BaseQuantities", "GrossHeight")]).map { $0 * scale }
            floorsByBuilding[b, default: []].append(batch.floors.count)
            batch.floors.append(FloorDraft(key: k, buildingKey: b, name: name(s) ?? model.string(s, "LongName") ?? "Storey",
                                           description: model.string(s, "Description"), elevation: elevation, height: height,
                                           source: SourceReference(ifcGlobalID: k, sourceType: "IfcBuildingStorey")))
        }
        // Heights not given: distance to the next storey up.
        for (_, indices) in floorsByBuilding {
            let sorted = indices.filter { batch.floors[$0].elevation != nil }.sorted { batch.floors[$0].elevation! < batch.floors[$1].elevation! }
            for (n, i) in sorted.enumerated() where batch.floors[i].height == nil && n + 1 < sorted.count {
                let h = batch.floors[sorted[n + 1]].elevation! - batch.floors[i].elevation!
                if h > 0 { batch.floors[i].height = h }
            }
        }

        // Spaces.
        var impliedFloors: [String: String] = [:]
        let outline = IFCSpaceFootprint(model: model, scale: scale)
        for sp in model.instances(of: "IfcSpace") {
            let k = key(sp)
            spaceKeys[sp] = k
            var floorKey: String?
            for a in spatialChain(sp).dropFirst() { if let f = floorKeys[a] { floorKey = f; break } }
            if floorKey == nil {
                let b = buildingKey(for: sp, batch: &batch)
                if let implied = impliedFloors[b] { floorKey = implied } else {
                    let f = b + "#floor"
                    batch.floors.append(FloorDraft(key: f, buildingKey: b, name: "(no storey)",
                                                   source: SourceReference(ifcGlobalID: f, sourceType: "IfcBuildingStorey (implied)")))
                    buildingOfFloor[f] = b
                    impliedFloors[b] = f
                    floorKey = f
                }
            }
            floorOfSpace[k] = floorKey!
            let lookup = IFCPropertyLookup(relations.propertySets(of: sp, type: relations.typeObject(of: sp)))
            var area = lookup.double([("Qto_SpaceBaseQuantities", "NetFloorArea"), ("Qto_SpaceBaseQuantities", "GrossFloorArea"),
                                      ("BaseQuantities", "NetFloorArea"), ("BaseQuantities", "GrossFloorArea"),
                                      ("Pset_SpaceCommon", "NetPlannedArea"), ("Pset_SpaceCommon", "GrossPlannedArea")])
                .map { $0 * areaScale }
            var height = lookup.double([("Qto_SpaceBaseQuantities", "Height"), ("Qto_SpaceBaseQuantities", "FinishCeilingHeight"),
                                        ("BaseQuantities", "Height")]).map { $0 * scale }
            let spaceBox = box(sp)
            var footprint: Footprint?
            if let w = world(sp), let found = outline.footprint(of: sp, world: w) {
                footprint = found.footprint
                if height == nil { height = found.depth }
            } else if let spaceBox, spaceBox.max.x - spaceBox.min.x > 1e-6, spaceBox.max.y - spaceBox.min.y > 1e-6 {
                footprint = Footprint(outer: [Point2D(x: spaceBox.min.x, y: spaceBox.min.y), Point2D(x: spaceBox.max.x, y: spaceBox.min.y),
                                              Point2D(x: spaceBox.max.x, y: spaceBox.max.y), Point2D(x: spaceBox.min.x, y: spaceBox.max.y)])
            }
            if area == nil, let footprint { area = footprint.area }
            if height == nil, let spaceBox { height = spaceBox.max.z - spaceBox.min.z }
            var properties: [String: DocumentValue] = [:]
            if let objectType = model.string(sp, "ObjectType") { properties["objectType"] = .string(objectType) }
            if let category = lookup.string([("Pset_SpaceCommon", "Category"), ("Pset_SpaceCommon", "Reference")]) {
                properties["category"] = .string(category)
            }
            if let parent = relations.aggregate(of: sp), model.isA(parent, "IfcSpace") { properties["parentSpace"] = .string(key(parent)) }
            batch.spaces.append(SpaceDraft(key: k, floorKey: floorKey!, name: name(sp) ?? "Space", longName: model.string(sp, "LongName"),
                                           description: model.string(sp, "Description"), area: area, height: height,
                                           footprint: footprint, box: spaceBox, properties: properties,
                                           source: SourceReference(ifcGlobalID: k, sourceType: "IfcSpace")))
        }

        // Floor boxes: everything with geometry on the floor (its spaces and the elements they or it contain).
        var floorBoxes: [String: Box3D] = [:]
        for (_, entry) in geometry {
            guard let container = entry.container else { continue }
            let floor = floorKeys[container] ?? spaceKeys[container].flatMap { floorOfSpace[$0] }
            guard let floor else { continue }
            floorBoxes[floor] = floorBoxes[floor].map { $0.union(entry.box) } ?? entry.box
        }
        for space in batch.spaces {
            guard let b = space.box, let floor = floorOfSpace[space.key] else { continue }
            floorBoxes[floor] = floorBoxes[floor].map { $0.union(b) } ?? b
        }
        for i in batch.floors.indices {
            guard let b = floorBoxes[batch.floors[i].key] else { continue }
            batch.floors[i].box = b
            let outline = Footprint(outer: [Point2D(x: b.min.x, y: b.min.y), Point2D(x: b.max.x, y: b.min.y),
                                            Point2D(x: b.max.x, y: b.max.y), Point2D(x: b.min.x, y: b.max.y)])
            if outline.isValid { batch.floors[i].footprint = outline }
        }
        var buildingBoxes: [String: Box3D] = [:]
        for floor in batch.floors {
            guard let b = floor.box else { continue }
            buildingBoxes[floor.buildingKey] = buildingBoxes[floor.buildingKey].map { $0.union(b) } ?? b
        }
        for i in batch.buildings.indices { batch.buildings[i].box = buildingBoxes[batch.buildings[i].key] }
    }
}
