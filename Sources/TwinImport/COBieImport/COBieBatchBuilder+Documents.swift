import COBie
import TwinDomain

extension COBieBatchBuilder {
    /// One row (or, for Zone and System, the rows sharing a name) that becomes a BIM document.
    struct DocumentRow {
        var sheet: String
        var name: String
        var external: COBieExternalReference
        var records: [Any]
    }

    /// Rows documented, sheet by sheet in workbook order: every sheet that describes the facility.
    func documentRows() -> [DocumentRow] {
        var rows: [DocumentRow] = []
        func add(_ sheet: String, _ records: [Any], name: (Any) -> String, external: (Any) -> COBieExternalReference, grouped: Bool = false) {
            var index: [String: Int] = [:]
            for r in records {
                let n = name(r)
                if grouped, let i = index[n.lowercased()] { rows[i].records.append(r); continue }
                index[n.lowercased()] = rows.count
                rows.append(DocumentRow(sheet: sheet, name: n, external: external(r), records: [r]))
            }
        }
        add("Facility", model.facilities, name: { ($0 as! COBieFacility).name }, external: { ($0 as! COBieFacility).external })
        add("Floor", model.floors, name: { ($0 as! COBieFloor).name }, external: { ($0 as! COBieFloor).external })
        add("Space", model.spaces, name: { ($0 as! COBieSpace).name }, external: { ($0 as! COBieSpace).external })
        add("Zone", model.zones, name: { ($0 as! COBieZone).name }, external: { ($0 as! COBieZone).external }, grouped: true)
        add("Type", model.types, name: { ($0 as! COBieType).name }, external: { ($0 as! COBieType).external })
        add("Component", model.components, name: { ($0 as! COBieComponent).name }, external: { ($0 as! COBieComponent).external })
        add("System", model.systems, name: { ($0 as! COBieSystem).name }, external: { ($0 as! COBieSystem).external }, grouped: true)
        add("Assembly", model.assemblies, name: { ($0 as! COBieAssembly).name }, external: { ($0 as! COBieAssembly).external })
        add("Connection", model.connections, name: { ($0 as! COBieConnection).name }, external: { ($0 as! COBieConnection).external })
        add("Spare", model.spares, name: { ($0 as! COBieSpare).name }, external: { ($0 as! COBieSpare).external })
        add("Resource", model.resources, name: { ($0 as! COBieResource).name }, external: { ($0 as! COBieResource).external })
        add("Job", model.jobs, name: { ($0 as! COBieJob).name }, external: { ($0 as! COBieJob).external })
        add("Document", model.documents, name: { ($0 as! COBieDocument).name }, external: { ($0 as! COBieDocument).external })
        return rows
    }

    /// The document and fingerprint of one row. Keys are GlobalIds when the row carries one
    /// (ExtIdentifier), else `cobie:<Sheet>/<Name>`; a repeated key gets `#2`, `#3`… so none is lost.
    func document(_ row: DocumentRow, usedKeys: inout Set<String>) -> (EntityDocumentDraft, EntityFingerprint) {
        var key = Self.key(Self.source(row.sheet, row.name, row.external))
        if !usedKeys.insert(key).inserted {
            var n = 2
            while !usedKeys.insert("\(key)#\(n)").inserted { n += 1 }
            key = "\(key)#\(n)"
        }
        var attributes: [String: DocumentValue]
        if row.records.count == 1 {
            attributes = COBieValues.attributes(of: row.records[0])
        } else {
            // Grouped rows: shared fields from the first row, the member lists merged.
            attributes = COBieValues.attributes(of: row.records[0])
            var members: [DocumentValue] = []
            for r in row.records {
                let a = COBieValues.attributes(of: r)
                for field in ["spaceNames", "componentNames"] {
                    if case .array(let items)? = a[field] { members += items }
                }
            }
            attributes[row.sheet == "Zone" ? "spaceNames" : "componentNames"] = .array(members)
            attributes["rows"] = .int(Int64(row.records.count))
        }
        let propertySets = properties(row.sheet, row.name)
        var classifications: [DocumentValue] = []
        if case .object(let category)? = attributes["category"], case .string(let code)? = category["code"] {
            var o: [String: DocumentValue] = ["code": .string(code)]
            if let system = Self.classificationSystem(code) { o["system"] = .string(system) }
            if let d = category["description"] { o["name"] = d }
            classifications.append(.object(o))
        }
        var relations: [String: DocumentValue] = [:]
        if row.sheet == "Component" {
            if let k = componentKeys[row.name.lowercased()] { relations["asset"] = .string(k) }
            if case .string(let type)? = attributes["typeName"] { relations["type"] = .object(["ref": .string(type), "sheet": .string("Type")]) }
            if case .array(let spaces)? = attributes["space"], let first = spaces.first {
                relations["container"] = .object(["ref": first, "sheet": .string("Space")])
            }
        } else if row.sheet == "Space", case .string(let floor)? = attributes["floorName"] {
            relations["container"] = .object(["ref": .string(floor), "sheet": .string("Floor")])
        }
        var hashed = attributes
        hashed["row"] = nil
        hashed["sheet"] = nil
        var fingerprint = EntityFingerprint(matchKey: key, entityType: "COBie.\(row.sheet)", name: row.name)
        fingerprint.attributesHash = FingerprintHasher.digest(.object(hashed))
        if !propertySets.isEmpty {
            fingerprint.propertySetsHash = FingerprintHasher.digest(.object(propertySets.mapValues { .object($0) }))
        }
        let draft = EntityDocumentDraft(globalID: key, ifcType: "COBie.\(row.sheet)", name: row.name, attributes: attributes,
                                        propertySets: propertySets, classifications: classifications, relations: relations)
        return (draft, fingerprint)
    }
}
