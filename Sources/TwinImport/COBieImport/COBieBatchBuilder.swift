import COBie
import Foundation
import TwinDomain

/// Builds an import batch and BIM documents from a COBie workbook: Facility → site and building,
/// Floor, Space, Zone, System, Type, Component (classified like IFC products, `ExtObject` standing
/// in for the IFC class), Attribute rows as property sets, Assembly rows as rack contents and
/// Coordinate rows as positions.
struct COBieBatchBuilder {
    let model: COBieModel
    let rules: ClassificationRules
    let format: ImportFormat
    let linear: Double
    let area: Double
    var messages: [ImportMessage] = []

    /// Attribute rows by (sheet, row name), lower-cased: set name → property → typed value.
    var attributes: [String: [String: [String: DocumentValue]]] = [:]
    var floorKeys: [String: String] = [:]
    var spaceKeys: [String: String] = [:]
    var floorOfSpace: [String: String] = [:]
    var typeByName: [String: COBieType] = [:]
    var componentKeys: [String: String] = [:]
    var buildingKey = ""

    init(model: COBieModel, rules: ClassificationRules, format: ImportFormat) {
        self.model = model
        self.rules = rules
        self.format = format
        linear = COBieValues.linearScale(model.units.linear)
        area = COBieValues.areaScale(model.units.area)
        for a in model.attributes {
            guard let sheet = a.sheetName.value, let row = a.rowName.value else { continue }
            let set = a.external.object.value ?? a.category.value?.text ?? "COBie_Attributes"
            var v: [String: DocumentValue] = ["value": Self.typedValue(a.value.value)]
            if let unit = a.unit.value, !COBieText.isNotApplicable(unit) { v["unit"] = .string(unit) }
            attributes[Self.rowKey(sheet, row), default: [:]][set, default: [:]][a.name] = .object(v)
        }
        for t in model.types where typeByName[t.name.lowercased()] == nil { typeByName[t.name.lowercased()] = t }
    }

    static func rowKey(_ sheet: String, _ row: String) -> String { sheet.lowercased() + "/" + row.lowercased() }

    /// Numbers stay numbers (Attribute values are text cells in most workbooks).
    static func typedValue(_ text: String?) -> DocumentValue {
        guard let text else { return .null }
        if let i = Int64(text) { return .int(i) }
        if let d = Double(text), d.isFinite { return .double(d) }
        return .string(text)
    }

    static func source(_ sheet: String, _ name: String, _ external: COBieExternalReference) -> SourceReference {
        let gid = external.identifier.value.flatMap { $0.isEmpty || COBieText.isNotApplicable($0) ? nil : $0 }
        return SourceReference(ifcGlobalID: gid, cobieName: name, sourceType: sheet)
    }

    static func key(_ source: SourceReference) -> String { source.matchKey ?? "cobie:\(source.sourceType ?? "")/" }

    func location(_ source: COBieSource?) -> String? { source.map { "\($0.sheet) row \($0.row)" } }

    mutating func message(_ severity: ImportMessage.Severity, _ text: String, _ source: COBieSource?, code: String) {
        messages.append(ImportMessage(severity: severity, message: text, location: location(source), code: code))
    }

    func properties(_ sheet: String, _ name: String) -> [String: [String: DocumentValue]] {
        attributes[Self.rowKey(sheet, name)] ?? [:]
    }

    static func number(_ sets: [String: [String: DocumentValue]], _ set: String, _ property: String) -> Double? {
        guard case .object(let o)? = sets[set]?[property] else { return nil }
        switch o["value"] {
        case .int(let i)?: return Double(i)
        case .double(let d)?: return d
        case .string(let s)?: return Double(s)
        default: return nil
        }
    }

    static func text(_ sets: [String: [String: DocumentValue]], _ set: String, _ property: String) -> String? {
        guard case .object(let o)? = sets[set]?[property] else { return nil }
        switch o["value"] {
        case .string(let s)?: return s
        case .int(let i)?: return String(i)
        default: return nil
        }
    }

    // MARK: Batch

    mutating func buildBatch() throws(ImportError) -> ImportBatch {
        guard let facility = model.facilities.first else {
            throw ImportError(code: ImportError.Code.noFacility, message: "The COBie workbook has no Facility row.", sheet: "Facility")
        }
        let siteName = facility.siteName.value ?? facility.name
        let siteSource = SourceReference(ifcGlobalID: facility.externalSiteIdentifier.value, cobieName: siteName, sourceType: "Site")
        let buildingSource = Self.source("Facility", facility.name, facility.external)
        buildingKey = Self.key(buildingSource)
        var batch = ImportBatch(
            format: format, schema: "COBie 2.4", projectKey: facility.name, projectName: facility.projectName.value,
            site: SiteDraft(key: Self.key(siteSource), name: siteName, description: facility.siteDescription.value, source: siteSource))
        batch.buildings = [BuildingDraft(key: buildingKey, name: facility.name, description: facility.description.value,
                                         source: buildingSource)]
        for f in model.floors {
            let source = Self.source("Floor", f.name, f.external)
            let k = Self.key(source)
            floorKeys[f.name.lowercased()] = k
            batch.floors.append(FloorDraft(key: k, buildingKey: buildingKey, name: f.name, description: f.description.value,
                                           elevation: f.elevation.value.map { $0.value * linear },
                                           height: f.height.value.map { $0.value * linear }, source: source))
        }
        for s in model.spaces {
            let source = Self.source("Space", s.name, s.external)
            let k = Self.key(source)
            spaceKeys[s.name.lowercased()] = k
            let floorName = s.floorName.value ?? ""
            guard let floor = floorKeys[floorName.lowercased()] else {
                message(.error, "space \(s.name): FloorName '\(floorName)' names no Floor row; space skipped", s.source, code: "cobie.reference")
                continue
            }
            floorOfSpace[k] = floor
            var props: [String: DocumentValue] = [:]
            if let c = s.category.value { props["category"] = .string(c.text) }
            if let tag = s.roomTag.value { props["roomTag"] = .string(tag) }
            batch.spaces.append(SpaceDraft(key: k, floorKey: floor, name: s.name, longName: s.roomTag.value,
                                           description: s.description.value,
                                           area: (s.netArea.value ?? s.grossArea.value).map { $0.value * area },
                                           height: s.usableHeight.value.map { $0.value * linear }, properties: props, source: source))
        }
        buildAssets(into: &batch)
        buildGroups(into: &batch)
        var counts: [String: Int] = [:]
        counts["Facility"] = model.facilities.count
        counts["Floor"] = model.floors.count
        counts["Space"] = model.spaces.count
        counts["Zone"] = model.zones.count
        counts["Type"] = model.types.count
        counts["Component"] = model.components.count
        counts["System"] = model.systems.count
        counts["Attribute"] = model.attributes.count
        counts["Assembly"] = model.assemblies.count
        counts["Coordinate"] = model.coordinates.count
        batch.sourceCounts = counts
        batch.messages = messages
        return batch
    }

    mutating func subject(_ c: COBieComponent, type: COBieType?) -> ClassificationSubject {
        var s = ClassificationSubject()
        if let object = c.external.object.value { s.classChain = EntityNames.chain(of: object) }
        if let object = type?.external.object.value { s.typeClassChain = EntityNames.chain(of: object) }
        s.name = c.name
        s.typeName = type?.name
        s.description = c.description.value
        s.objectType = type?.assetType.value
        if let category = type?.category.value {
            s.cobieCategory = category.text
            if let code = category.code { s.classifications = [.init(system: Self.classificationSystem(code), code: code)] }
        }
        s.propertySetNames = Set(properties("Component", c.name).keys)
        if let type { s.propertySetNames.formUnion(properties("Type", type.name).keys) }
        return s
    }

    /// COBie writes codes without naming the table; the shape tells OmniClass (`23-33 15 11`) from Uniclass (`Pr_60_…`).
    static func classificationSystem(_ code: String) -> String? {
        let c = code.trimmingCharacters(in: .whitespaces)
        if c.range(of: #"^\d{2}-\d{2}"#, options: .regularExpression) != nil { return "OmniClass" }
        if c.range(of: #"^[A-Za-z]{2}_\d{2}"#, options: .regularExpression) != nil { return "Uniclass" }
        return nil
    }

    mutating func buildAssets(into batch: inout ImportBatch) {
        var kinds: [String: AssetKind] = [:]
        var drafts: [AssetDraft] = []
        var typeKinds: [String: [AssetKind: Int]] = [:]
        var positions: [String: (point: Point3D?, low: Point3D?, high: Point3D?)] = [:]
        for c in model.coordinates {
            guard let sheet = c.sheetName.value, sheet.lowercased() == "component", let row = c.rowName.value,
                  let x = c.coordinateXAxis.value?.value, let y = c.coordinateYAxis.value?.value,
                  let z = c.coordinateZAxis.value?.value else { continue }
            let p = Point3D(x: x * linear, y: y * linear, z: z * linear)
            let category = (c.category.value?.text ?? "point").lowercased()
            var entry = positions[row.lowercased()] ?? (nil, nil, nil)
            if category.contains("lowerleft") { entry.low = p } else if category.contains("upperright") { entry.high = p } else { entry.point = p }
            positions[row.lowercased()] = entry
        }
        for c in model.components {
            let type = c.typeName.value.flatMap { typeByName[$0.lowercased()] }
            let s = subject(c, type: type)
            // Every Component row is the owner's asset register: one no rule knows is kind `other`.
            let (kind, rule) = rules.classify(s) ?? (.other, IFCBatchBuilder.componentRuleID)
            let source = Self.source("Component", c.name, c.external)
            let k = Self.key(source)
            componentKeys[c.name.lowercased()] = k
            kinds[k] = kind
            var a = AssetDraft(key: k, kind: kind, name: c.name, classifiedBy: rule, source: source)
            let sets = properties("Component", c.name)
            a.tag = c.tagNumber.value ?? c.assetIdentifier.value ?? Self.text(sets, "Atrium_Device", "AssetTag")
            a.serialNumber = c.serialNumber.value
            a.description = c.description.value
            if let type {
                a.typeKey = Self.key(Self.source("Type", type.name, type.external))
                typeKinds[a.typeKey!, default: [:]][kind, default: 0] += 1
            }
            if let space = c.space.value?.first, let sk = spaceKeys[space.lowercased()], let fk = floorOfSpace[sk] {
                a.spaceKey = sk
                a.floorKey = fk
                a.buildingKey = buildingKey
            } else if let space = c.space.value?.first, let fk = floorKeys[space.lowercased()] {
                a.floorKey = fk  // Some workbooks put the floor name in Space for components outside rooms.
                a.buildingKey = buildingKey
            }
            if let p = positions[c.name.lowercased()] {
                a.position = p.point ?? p.low
                if let low = p.low, let high = p.high { a.box = Box3D(min: low, max: high) }
            }
            a.installedOn = c.installationDate.value
            if let start = c.warrantyStartDate.value, let type, let months = Self.warrantyMonths(type) {
                a.warrantyEndsOn = Calendar(identifier: .gregorian).date(byAdding: .month, value: months, to: start)
            }
            a.powerDrawW = Self.number(sets, "Atrium_Device", "PowerDrawW") ?? Self.number(sets, "Pset_ElectricalDeviceCommon", "RatedPowerConsumption")
            a.weightKg = Self.number(sets, "Atrium_Device", "WeightKg")
            a.ratedCapacityW = Self.number(sets, "Atrium_Unit", "RatedCapacityW")
            if kind == .rack, let u = Self.number(sets, "Atrium_Rack", "UHeight"), u.rounded() == u, abs(u) < 1e6 {
                a.rack = RackCapacity(uHeight: Int(u), powerBudgetW: Self.number(sets, "Atrium_Rack", "MaxPowerW"),
                                      weightBudgetKg: Self.number(sets, "Atrium_Rack", "MaxWeightKg"),
                                      coolingBudgetW: Self.number(sets, "Atrium_Rack", "CoolingCapacityW"))
            } else if kind == .rack {
                message(.warning, "rack \(c.name) has no Atrium_Rack.UHeight attribute; its U space is unknown", c.source, code: "classify.rack-height")
            }
            if let u = Self.number(sets, "Atrium_Device", "UPosition"), u.rounded() == u, abs(u) < 1e6 {
                let h = Self.number(sets, "Atrium_Device", "UHeight").flatMap { $0.rounded() == $0 && abs($0) < 1e6 ? Int($0) : nil }
                a.mounting = RackMounting(uPosition: Int(u), uHeight: h ?? 1)
            }
            var listing: [String: DocumentValue] = [:]
            for set in ["Atrium_Rack", "Atrium_Device", "Atrium_Sensor", "Atrium_Unit"] {
                for (name, value) in sets[set] ?? [:] {
                    if case .object(let o) = value, let v = o["value"] { listing[name] = v }
                }
            }
            if let object = c.external.object.value { listing["ifcClass"] = .string(object) }
            a.properties = listing
            drafts.append(a)
        }
        // Racks' contents: Assembly rows (parent = rack, children = devices), else Atrium_Device.RackTag.
        var parentOf: [String: String] = [:]
        for assembly in model.assemblies {
            guard let parent = assembly.parentName.value.flatMap({ componentKeys[$0.lowercased()] }) else { continue }
            for child in assembly.childNames.value ?? [] {
                if let ck = componentKeys[child.lowercased()] { parentOf[ck] = parent }
            }
        }
        var rackByTag: [String: String] = [:]
        for d in drafts where d.kind == .rack {
            rackByTag[d.name.lowercased()] = d.key
            if let t = d.tag { rackByTag[t.lowercased()] = d.key }
        }
        var index: [String: Int] = [:]
        for (i, d) in drafts.enumerated() { index[d.key] = i }
        for i in drafts.indices where drafts[i].kind != .rack {
            var parent = parentOf[drafts[i].key].flatMap { kinds[$0] == .rack ? $0 : nil }
            if parent == nil, let tag = Self.text(properties("Component", drafts[i].name), "Atrium_Device", "RackTag") {
                parent = rackByTag[tag.lowercased()]
            }
            drafts[i].parentKey = parent
            if let p = parent, let r = index[p] {
                if drafts[i].spaceKey == nil { drafts[i].spaceKey = drafts[r].spaceKey }
                if drafts[i].floorKey == nil { drafts[i].floorKey = drafts[r].floorKey }
                if drafts[i].buildingKey == nil { drafts[i].buildingKey = drafts[r].buildingKey }
            }
        }
        batch.assets = drafts

        for t in model.types {
            let source = Self.source("Type", t.name, t.external)
            let k = Self.key(source)
            guard let counts = typeKinds[k] else { continue }
            let kind = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }?.key
            var props: [String: DocumentValue] = [:]
            if let v = t.assetType.value { props["assetType"] = .string(v) }
            if let v = t.modelReference.value { props["modelReference"] = .string(v) }
            if let v = t.replacementCost.value { props["replacementCost"] = .double(v.value) }
            if let v = t.expectedLife.value { props["expectedLife"] = .double(v.value) }
            batch.types.append(AssetTypeDraft(key: k, name: t.name, kind: kind, manufacturer: t.manufacturer.value,
                                              modelNumber: t.modelNumber.value, category: t.category.value?.text,
                                              description: t.description.value, warrantyMonths: Self.warrantyMonths(t),
                                              properties: props, source: source))
        }
    }

    /// Parts warranty in months from WarrantyDurationParts and WarrantyDurationUnit (year/month/week/day).
    static func warrantyMonths(_ t: COBieType) -> Int? {
        guard let d = t.warrantyDurationParts.value?.value, d.isFinite, d >= 0, d < 10_000 else { return nil }
        let unit = (t.warrantyDurationUnit.value ?? t.warrantyDurationParts.value?.unit ?? "year").lowercased()
        if unit.hasPrefix("month") { return Int(d.rounded()) }
        if unit.hasPrefix("week") { return Int((d * 12 / 52).rounded()) }
        if unit.hasPrefix("day") { return Int((d * 12 / 365).rounded()) }
        return Int((d * 12).rounded())
    }

    /// Zone and System sheets have one row per member; rows of one name make one group.
    mutating func buildGroups(into batch: inout ImportBatch) {
        var zoneOrder: [String] = []
        var zones: [String: ZoneDraft] = [:]
        for z in model.zones {
            let id = z.name.lowercased()
            if zones[id] == nil {
                zoneOrder.append(id)
                let source = Self.source("Zone", z.name, z.external)
                zones[id] = ZoneDraft(key: Self.key(source), buildingKey: buildingKey, name: z.name, category: z.category.value?.text,
                                      description: z.description.value, source: source)
            }
            for space in z.spaceNames.value ?? [] {
                guard let k = spaceKeys[space.lowercased()] else {
                    message(.warning, "zone \(z.name): space '\(space)' names no Space row", z.source, code: "cobie.reference")
                    continue
                }
                if zones[id]?.spaceKeys.contains(k) == false { zones[id]?.spaceKeys.append(k) }
            }
        }
        batch.zones = zoneOrder.compactMap { zones[$0] }

        var systemOrder: [String] = []
        var systems: [String: SystemDraft] = [:]
        for s in model.systems {
            let id = s.name.lowercased()
            if systems[id] == nil {
                systemOrder.append(id)
                let source = Self.source("System", s.name, s.external)
                systems[id] = SystemDraft(key: Self.key(source), buildingKey: buildingKey, name: s.name, category: s.category.value?.text,
                                          description: s.description.value, source: source)
            }
            for component in s.componentNames.value ?? [] {
                guard let k = componentKeys[component.lowercased()] else { continue }
                if systems[id]?.assetKeys.contains(k) == false { systems[id]?.assetKeys.append(k) }
            }
        }
        batch.systems = systemOrder.compactMap { systems[$0] }
        var systemsOf: [String: [String]] = [:]
        for s in batch.systems { for a in s.assetKeys { systemsOf[a, default: []].append(s.key) } }
        for i in batch.assets.indices { batch.assets[i].systemKeys = systemsOf[batch.assets[i].key] ?? [] }
    }
}
