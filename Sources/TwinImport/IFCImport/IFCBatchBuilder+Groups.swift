import IFC
import TwinDomain

extension IFCBatchBuilder {
    /// Systems (IfcSystem and subtypes except zones and structural analysis models) and zones.
    mutating func buildGroups(into batch: inout ImportBatch) {
        var assetBuilding: [String: String] = [:]
        for a in batch.assets { if let b = a.buildingKey, assetBuilding[a.key] == nil { assetBuilding[a.key] = b } }
        for system in model.instances(of: "IfcSystem") {
            if model.isA(system, "IfcZone") || model.isA(system, "IfcStructuralAnalysisModel") { continue }
            let k = key(system)
            let members = model.groupMembers(of: system)
            let building = model.servedBuildings(of: system).compactMap { buildingKeys[$0] }.first
                ?? members.compactMap { assetKeys[$0] }.compactMap { assetBuilding[$0] }.first
            let category = model[system, "PredefinedType"]?.asEnumeration.flatMap { Self.isVague($0) ? nil : $0 }
                ?? model.string(system, "ObjectType")
            batch.systems.append(SystemDraft(key: k, buildingKey: building, name: name(system) ?? k, category: category,
                                             description: model.string(system, "Description"),
                                             assetKeys: members.compactMap { assetKeys[$0] },
                                             source: SourceReference(ifcGlobalID: k, sourceType: model.typeName(of: system))))
        }
        for zone in model.instances(of: "IfcZone") {
            let k = key(zone)
            var spaces: [String] = []
            var seen: Set<STEPInstanceID> = [zone]
            var queue = model.groupMembers(of: zone)
            while let m = queue.popLast(), seen.count < 100_000 {
                guard seen.insert(m).inserted else { continue }
                if let s = spaceKeys[m] { spaces.append(s) } else if model.isA(m, "IfcZone") { queue.append(contentsOf: model.groupMembers(of: m)) }
            }
            spaces.reverse()
            let building = spaces.compactMap { floorOfSpace[$0] }.compactMap { buildingOfFloor[$0] }.first
                ?? batch.buildings.first?.key
            guard let building else {
                message(.warning, "zone \(name(zone) ?? k) groups no space of any building; skipped", at: zone, code: "ifc.zone-without-building")
                continue
            }
            batch.zones.append(ZoneDraft(key: k, buildingKey: building, name: name(zone) ?? k,
                                         category: model.string(zone, "ObjectType") ?? model.string(zone, "LongName"),
                                         description: model.string(zone, "Description"), spaceKeys: spaces,
                                         source: SourceReference(ifcGlobalID: k, sourceType: "IfcZone")))
        }
    }
}
