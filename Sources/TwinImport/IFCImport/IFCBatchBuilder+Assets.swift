import Foundation
import IFC
import TwinDomain

extension IFCBatchBuilder {
    /// Where property values for the twin come from, best first (README: property-set contract).
    enum Sources {
        static let rackUHeight: [(set: String, property: String)] = [("Atrium_Rack", "UHeight"), ("Pset_Rack", "NumberOfUnits")]
        static let rackPower: [(set: String, property: String)] = [("Atrium_Rack", "MaxPowerW")]
        static let rackWeight: [(set: String, property: String)] = [("Atrium_Rack", "MaxWeightKg")]
        static let rackCooling: [(set: String, property: String)] = [("Atrium_Rack", "CoolingCapacityW")]
        static let uPosition: [(set: String, property: String)] = [("Atrium_Device", "UPosition")]
        static let uHeight: [(set: String, property: String)] = [("Atrium_Device", "UHeight")]
        static let rackTag: [(set: String, property: String)] = [("Atrium_Device", "RackTag")]
        static let power: [(set: String, property: String)] = [
            ("Atrium_Device", "PowerDrawW"), ("Pset_ElectricalDeviceCommon", "RatedPowerConsumption"),
            ("Pset_ElectricalDeviceCommon", "Power"), ("Pset_ElectricApplianceTypeCommon", "RatedPowerConsumption"),
        ]
        static let weight: [(set: String, property: String)] = [
            ("Atrium_Device", "WeightKg"), ("Qto_*", "GrossWeight"), ("Qto_*", "NetWeight"), ("BaseQuantities", "GrossWeight"),
            ("Pset_*", "Weight"), ("Pset_*", "Mass"),
        ]
        static let ratedCapacity: [(set: String, property: String)] = [
            ("Atrium_Unit", "RatedCapacityW"), ("Pset_UnitaryEquipmentTypeCommon", "NominalCoolingCapacity"),
            ("Pset_ElectricFlowStorageDeviceTypeCommon", "NominalSupplyPower"), ("Pset_TransformerTypeCommon", "MaximumApparentPower"),
            ("Pset_ElectricGeneratorTypeCommon", "MaximumPowerOutput"),
        ]
        static let tag: [(set: String, property: String)] = [
            ("Atrium_Device", "AssetTag"), ("Pset_ManufacturerOccurrence", "AssetIdentifier"), ("Pset_ManufacturerOccurrence", "BarCode"),
        ]
        static let serial: [(set: String, property: String)] = [("Pset_ManufacturerOccurrence", "SerialNumber")]
        static let installed: [(set: String, property: String)] = [
            ("Pset_ManufacturerOccurrence", "AcquisitionDate"), ("Pset_Warranty", "WarrantyStartDate"), ("COBie_Component", "InstallationDate"),
        ]
        static let warrantyEnd: [(set: String, property: String)] = [("Pset_Warranty", "WarrantyEndDate")]
        static let manufacturer: [(set: String, property: String)] = [("Pset_ManufacturerTypeInformation", "Manufacturer")]
        static let model: [(set: String, property: String)] = [
            ("Pset_ManufacturerTypeInformation", "ModelReference"), ("Pset_ManufacturerTypeInformation", "ModelLabel"),
        ]
        /// Sets copied into an asset's listing properties.
        static let listedSets = ["Atrium_Rack", "Atrium_Device", "Atrium_Sensor", "Atrium_Unit"]
    }

    /// What the rules see for one product or type object.
    mutating func subject(of id: STEPInstanceID, type: STEPInstanceID?) -> ClassificationSubject {
        var s = ClassificationSubject()
        s.classChain = classChain(id)
        let attrs = model.attributes(of: id, ["Name", "ObjectType", "Description", "PredefinedType", "ElementType"])
        s.name = attrs[0]?.asString
        s.objectType = attrs[1]?.asString ?? attrs[4]?.asString
        s.description = attrs[2]?.asString
        s.predefinedType = attrs[3]?.asEnumeration
        var refs = relations.classifications(of: id)
        if let type, type != id {
            s.typeClassChain = classChain(type)
            let t = model.attributes(of: type, ["Name", "ElementType", "PredefinedType"])
            s.typeName = t[0]?.asString
            if s.objectType == nil || s.objectType?.isEmpty == true { s.objectType = t[1]?.asString }
            if Self.isVague(s.predefinedType), let p = t[2]?.asEnumeration, !Self.isVague(p) { s.predefinedType = p }
            refs += relations.classifications(of: type)
        }
        s.propertySetNames = relations.propertySetNames(of: id, type: type)
        s.classifications = refs.compactMap { r in
            r.code.map { ClassificationSubject.Classification(system: r.system, code: $0) }
        }
        return s
    }

    /// Which elements are components (COBie's exclusions: walls, slabs, pipes, fittings…).
    static let componentRule = COBieIFCMapper()
    /// `classifiedBy` of a component no rule matched.
    static let componentRuleID = "component"

    /// Classifies every element, then builds asset drafts (racks first, so devices find their rack)
    /// and the types the assets use.
    mutating func buildAssets(into batch: inout ImportBatch) {
        var classified: [(id: STEPInstanceID, type: STEPInstanceID?, kind: AssetKind, rule: String)] = []
        var notAssets: [String: Int] = [:]
        for element in model.instances(of: "IfcElement") where !model.isA(element, "IfcFeatureElement") {
            let type = relations.typeObject(of: element)
            let s = subject(of: element, type: type)
            if let (kind, rule) = rules.classify(s) {
                classified.append((element, type, kind, rule))
            } else if Self.componentRule.isComponent(element, in: model) {
                // What COBie would hand over as a component is an asset even when no rule knows its kind.
                classified.append((element, type, .other, Self.componentRuleID))
            } else {
                notAssets[model.typeName(of: element) ?? "IfcElement", default: 0] += 1
            }
        }
        if !notAssets.isEmpty {
            // Why the rest did not become assets, class by class (the import summary's answer).
            let listed = notAssets.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            message(.info, "\(notAssets.values.reduce(0, +)) elements are building fabric, parts or connections that COBie lists no "
                    + "component for, so they are not assets: \(listed)", at: nil, code: "classify.not-assets")
        }
        var rackByName: [String: String] = [:]
        var kinds: [STEPInstanceID: AssetKind] = [:]
        for c in classified {
            kinds[c.id] = c.kind
            assetKeys[c.id] = key(c.id)
        }
        var typeKinds: [STEPInstanceID: [AssetKind: Int]] = [:]
        let order = classified.filter { $0.kind == .rack } + classified.filter { $0.kind != .rack }
        // Drafts are large and live until the import ends: grow once, not by doubling.
        batch.assets.reserveCapacity(batch.assets.count + order.count)
        for c in order {
            let lookup = IFCPropertyLookup(relations.propertySets(of: c.id, type: c.type))
            var asset = AssetDraft(key: key(c.id), kind: c.kind, name: name(c.id) ?? key(c.id), classifiedBy: c.rule,
                                   source: SourceReference(ifcGlobalID: model.globalID(of: c.id), sourceType: model.typeName(of: c.id)))
            asset.tag = lookup.string(Sources.tag) ?? model.string(c.id, "Tag")
            asset.serialNumber = lookup.string(Sources.serial)
            asset.description = model.string(c.id, "Description")
            if let type = c.type, model.globalID(of: type) != nil {
                asset.typeKey = key(type)
                typeKinds[type, default: [:]][c.kind, default: 0] += 1
            }
            placeInSpatialStructure(&asset, c.id)
            asset.position = position(c.id)
            asset.box = box(c.id)
            asset.powerDrawW = lookup.double(Sources.power)
            asset.weightKg = lookup.double(Sources.weight)
            asset.ratedCapacityW = lookup.double(Sources.ratedCapacity)
            asset.installedOn = lookup.string(Sources.installed).flatMap(Self.parseDate)
            asset.warrantyEndsOn = lookup.string(Sources.warrantyEnd).flatMap(Self.parseDate)
            asset.systemKeys = relations.systems(of: c.id).map(key)
            asset.properties = listingProperties(c.id, lookup: lookup)

            switch c.kind {
            case .rack:
                if let u = lookup.int(Sources.rackUHeight) {
                    asset.rack = RackCapacity(uHeight: u, powerBudgetW: lookup.double(Sources.rackPower),
                                              weightBudgetKg: lookup.double(Sources.rackWeight),
                                              coolingBudgetW: lookup.double(Sources.rackCooling))
                } else {
                    message(.warning, "rack \(asset.name) has no Atrium_Rack.UHeight; its U space is unknown", at: c.id, code: "classify.rack-height")
                }
                rackByName[asset.name] = asset.key
                if let tag = asset.tag { rackByName[tag] = asset.key }
            default:
                // A device's rack: the whole it is aggregated or nested into, else Atrium_Device.RackTag.
                var parent: String?
                if let whole = relations.aggregate(of: c.id) ?? relations.nest(of: c.id), kinds[whole] == .rack { parent = assetKeys[whole] }
                if parent == nil, let tag = lookup.string(Sources.rackTag) {
                    parent = rackByName[tag]
                    if parent == nil {
                        message(.warning, "\(asset.name): Atrium_Device.RackTag '\(tag)' names no rack", at: c.id, code: "classify.rack-tag")
                    }
                }
                asset.parentKey = parent
                if let u = lookup.int(Sources.uPosition) {
                    asset.mounting = RackMounting(uPosition: u, uHeight: lookup.int(Sources.uHeight) ?? 1)
                }
            }
            batch.assets.append(asset)
        }
        // Devices aggregated into a rack have no containment of their own: they are where the rack is.
        var byKey: [String: Int] = [:]
        for (i, a) in batch.assets.enumerated() { byKey[a.key] = i }
        for i in batch.assets.indices {
            guard let p = batch.assets[i].parentKey, let r = byKey[p] else { continue }
            if batch.assets[i].spaceKey == nil { batch.assets[i].spaceKey = batch.assets[r].spaceKey }
            if batch.assets[i].floorKey == nil { batch.assets[i].floorKey = batch.assets[r].floorKey }
            if batch.assets[i].buildingKey == nil { batch.assets[i].buildingKey = batch.assets[r].buildingKey }
        }

        for (type, counts) in typeKinds.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let lookup = IFCPropertyLookup(relations.propertySets(of: type, type: nil))
            let kind = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }?.key
            let category = relations.classifications(of: type).first.map { r in
                [r.code, r.name].compactMap { $0 }.joined(separator: ": ")
            }
            var properties: [String: DocumentValue] = [:]
            for (k, v) in lookup.plainValues(of: "Pset_ManufacturerTypeInformation") { properties[k] = Self.plain(v) }
            batch.types.append(AssetTypeDraft(
                key: key(type), name: name(type) ?? key(type), kind: kind, manufacturer: lookup.string(Sources.manufacturer),
                modelNumber: lookup.string(Sources.model), category: category, description: model.string(type, "Description"),
                properties: properties, source: SourceReference(ifcGlobalID: model.globalID(of: type), sourceType: model.typeName(of: type))))
        }
    }

    /// Building, floor and space keys from the element's spatial container chain.
    func placeInSpatialStructure(_ asset: inout AssetDraft, _ id: STEPInstanceID) {
        guard let container = relations.container(of: id) else { return }
        for a in spatialChain(container) {
            if asset.spaceKey == nil, let s = spaceKeys[a] {
                asset.spaceKey = s
                asset.floorKey = floorOfSpace[s]
            }
            if asset.floorKey == nil, let f = floorKeys[a] { asset.floorKey = f }
            if asset.buildingKey == nil, let b = buildingKeys[a] { asset.buildingKey = b }
        }
        if asset.buildingKey == nil, let f = asset.floorKey { asset.buildingKey = buildingOfFloor[f] }
    }

    func listingProperties(_ id: STEPInstanceID, lookup: IFCPropertyLookup) -> [String: DocumentValue] {
        var out: [String: DocumentValue] = [:]
        for set in Sources.listedSets {
            for (k, v) in lookup.plainValues(of: set) { out[k] = Self.plain(v) }
        }
        if let p = model[id, "PredefinedType"]?.asEnumeration { out["predefinedType"] = .string(p) }
        if let o = model.string(id, "ObjectType") { out["objectType"] = .string(o) }
        if let m = lookup.string(Sources.manufacturer) { out["manufacturer"] = .string(m) }
        if let m = lookup.string(Sources.model) { out["model"] = .string(m) }
        return out
    }

    static func plain(_ v: IFCPropertyLookup.DocumentValueConvertible) -> DocumentValue {
        switch v {
        case .number(let d): return d.rounded() == d && abs(d) < 1e15 ? .int(Int64(d)) : .double(d)
        case .text(let s): return .string(s)
        }
    }

    /// `YYYY-MM-DD` (optionally followed by a time) as midnight UTC; anything else is ignored.
    static func parseDate(_ text: String) -> Date? {
        let digits = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard digits.count == 3, (1...12).contains(digits[1]), (1...31).contains(digits[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(from: DateComponents(year: digits[0], month: digits[1], day: digits[2]))
    }
}
