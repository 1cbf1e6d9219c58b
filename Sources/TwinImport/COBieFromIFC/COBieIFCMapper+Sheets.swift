import COBie
import Foundation
import IFC
import STEP

extension COBieIFCMapper.Run {
    mutating func mapFacility() {
        let buildings = ifc.instances(of: "IfcBuilding")
        if buildings.isEmpty { report(.error, "Facility", nil, "no IfcBuilding: the Facility sheet stays empty") }
        let project = ifc.project
        let site = ifc.instances(of: "IfcSite").first
        for building in buildings {
            let bag = properties(building)
            var facility = COBieFacility(
                name: name(building) ?? "",
                category: category(building, bag),
                projectName: project.map { text($0, "Name") } ?? .missing,
                siteName: site.map { text($0, "Name") } ?? .missing,
                linearUnits: .value(linearUnit), areaUnits: .value(areaUnit), volumeUnits: .value(volumeUnit),
                currencyUnit: currency,
                areaMeasurement: bag.text("AreaMeasurement"),
                externalProjectObject: project.flatMap { ifc.typeName(of: $0) }.map { .value($0) } ?? .missing,
                externalProjectIdentifier: project.flatMap { ifc.globalID(of: $0) }.map { .value($0) } ?? .missing,
                externalSiteObject: site.flatMap { ifc.typeName(of: $0) }.map { .value($0) } ?? .missing,
                externalSiteIdentifier: site.flatMap { ifc.globalID(of: $0) }.map { .value($0) } ?? .missing,
                externalFacilityObject: ifc.typeName(of: building).map { .value($0) } ?? .missing,
                externalFacilityIdentifier: ifc.globalID(of: building).map { .value($0) } ?? .missing,
                projectDescription: project.map { text($0, "LongName") } ?? .missing,
                siteDescription: site.map { text($0, "Description") } ?? .missing,
                phase: project.map { text($0, "Phase") } ?? .missing,
                description: text(building, "Description"),
                external: external(building))
            (facility.createdBy, facility.createdOn) = created(building)
            if facility.name.isEmpty {
                report(.error, "Facility", building, "IfcBuilding has no Name")
                facility.name = ifc.globalID(of: building) ?? "#\(building.rawValue)"
            }
            model.facilities.append(facility)
        }
    }

    /// The project's monetary unit (IfcMonetaryUnit.Currency), which COBie names in full or as a code.
    static func currencyUnit(_ ifc: IFCModel) -> COBieField<String> {
        guard let unit = ifc.instances(of: "IfcMonetaryUnit").first, let v = ifc[unit, "Currency"] else { return .missing }
        guard let t = v.asEnumeration ?? v.asString, !t.isEmpty else { return .missing }
        return .value(t)
    }

    mutating func mapFloors() {
        var used: Set<String> = []
        for storey in ifc.instances(of: "IfcBuildingStorey") {
            let bag = properties(storey)
            let name = keyName(storey, sheet: "Floor", used: &used)
            var elevation: COBieField<COBieQuantity> = .missing
            if let e = ifc.double(storey, "Elevation") { elevation = .value(COBieQuantity(value: e, unit: linearUnit)) }
            let (by, on) = created(storey)
            model.floors.append(COBieFloor(
                name: name, createdBy: by, createdOn: on,
                category: category(storey, bag),
                elevation: elevation,
                height: bag.quantity("Height", "Storey Height", "GrossHeight", "NetHeight", unit: linearUnit),
                description: text(storey, "LongName").isMissing ? text(storey, "Description") : text(storey, "LongName"),
                external: external(storey)))
        }
    }

    mutating func mapSpaces() {
        var used: Set<String> = []
        for space in ifc.instances(of: "IfcSpace") {
            let bag = properties(space)
            let name = keyName(space, sheet: "Space", used: &used)
            var floorName: COBieField<String> = .missing
            if let storey = ancestor(of: space, "IfcBuildingStorey") {
                floorName = self.name(storey).map { .value($0) } ?? .missing
            } else {
                report(.warning, "Space", space, "space '\(name)' is not inside an IfcBuildingStorey; FloorName left blank")
            }
            let (by, on) = created(space)
            model.spaces.append(COBieSpace(
                name: name, createdBy: by, createdOn: on,
                category: category(space, bag),
                floorName: floorName,
                roomTag: bag.text("RoomTag"),
                usableHeight: bag.quantity("UsableHeight", "FinishCeilingHeight", "Height", unit: linearUnit),
                grossArea: bag.quantity("GrossFloorArea", "GrossArea", unit: areaUnit),
                netArea: bag.quantity("NetFloorArea", "NetArea", unit: areaUnit),
                description: text(space, "LongName").isMissing ? text(space, "Description") : text(space, "LongName"),
                external: external(space)))
        }
    }

    /// One row per zone × space (COBie 2.4 lists a zone's spaces over several rows).
    mutating func mapZones() {
        for zone in ifc.instances(of: "IfcZone") {
            let bag = properties(zone)
            guard let zoneName = name(zone) else {
                report(.error, "Zone", zone, "IfcZone has no Name; skipped")
                continue
            }
            let spaces = ifc.groupMembers(of: zone).filter { ifc.isA($0, "IfcSpace") }
            if spaces.isEmpty { report(.warning, "Zone", zone, "zone '\(zoneName)' groups no IfcSpace") }
            for space in spaces {
                guard let spaceName = name(space) else { continue }
                let (by, on) = created(zone)
                model.zones.append(COBieZone(
                    name: zoneName, createdBy: by, createdOn: on, category: category(zone, bag), spaceNames: .value([spaceName]),
                    description: text(zone, "Description"), external: external(zone)))
            }
        }
    }

    /// One row per system × component; members that are not components (pipes, fittings, spaces) are
    /// counted per class in one diagnostic per system, because COBie cannot list them.
    mutating func mapSystems() {
        for system in ifc.instances(of: "IfcSystem") where !ifc.isA(system, "IfcZone") {
            let bag = properties(system)
            guard let systemName = name(system) else {
                report(.error, "System", system, "IfcSystem has no Name; skipped")
                continue
            }
            var skipped: [String: Int] = [:]
            for member in ifc.groupMembers(of: system) {
                guard let componentName = componentNames[member] else {
                    skipped[ifc.typeName(of: member) ?? "?", default: 0] += 1
                    continue
                }
                let (by, on) = created(system)
                model.systems.append(COBieSystem(
                    name: systemName, createdBy: by, createdOn: on, category: category(system, bag), componentNames: .value([componentName]),
                    description: text(system, "Description"), external: external(system)))
            }
            if !skipped.isEmpty {
                let kinds = skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                report(.warning, "System", system, "system '\(systemName)' members that are not COBie components were left out: \(kinds)")
            }
        }
    }
}
