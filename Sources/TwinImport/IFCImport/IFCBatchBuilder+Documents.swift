import IFC
import TwinDomain

extension IFCBatchBuilder {
    /// Entities that get a BIM document: the project, every product (spatial elements included),
    /// type objects and groups (systems, zones), in file order within each kind.
    func documentedEntities() -> [STEPInstanceID] {
        var out: [STEPInstanceID] = []
        if let project = model.project { out.append(project) }
        for kind in ["IfcProduct", "IfcTypeObject", "IfcGroup"] {
            out.append(contentsOf: model.instances(of: kind).filter { model.globalID(of: $0) != nil })
        }
        return out
    }

    /// One entity's document and fingerprint (facets hashed separately, see `FingerprintHasher`).
    mutating func document(_ id: STEPInstanceID) -> (EntityDocumentDraft, EntityFingerprint) {
        let gid = key(id)
        let type = model.typeName(of: id) ?? "?"
        let entityName = model.string(id, "Name")
        let attributes = decoder.attributes(of: id)
        let typeObject = relations.typeObject(of: id)
        let propertySets = decoder.propertySets(relations.propertySets(of: id, type: typeObject))
        let classifications: [DocumentValue] = relations.classifications(of: id).map { r in
            var o: [String: DocumentValue] = [:]
            if let s = r.system { o["system"] = .string(s) }
            if let c = r.code { o["code"] = .string(c) }
            if let n = r.name { o["name"] = .string(n) }
            return .object(o)
        }
        var relations: [String: DocumentValue] = [:]
        if let c = self.relations.directContainer(of: id) { relations["container"] = decoder.reference(c) }
        if let t = typeObject, t != id { relations["type"] = decoder.reference(t) }
        if let p = self.relations.aggregate(of: id) ?? self.relations.nest(of: id) { relations["parent"] = decoder.reference(p) }
        let systems = self.relations.systems(of: id)
        if !systems.isEmpty { relations["systems"] = .array(systems.map(decoder.reference)) }
        let zones = self.relations.zones(of: id)
        if !zones.isEmpty { relations["zones"] = .array(zones.map(decoder.reference)) }
        if model.isA(id, "IfcGroup") {
            let members = model.groupMembers(of: id)
            if !members.isEmpty { relations["members"] = .array(members.map(decoder.reference)) }
        }
        if let k = assetKeys[id] { relations["asset"] = .string(k) }

        var fingerprint = EntityFingerprint(matchKey: gid, entityType: type, name: entityName)
        fingerprint.attributesHash = FingerprintHasher.digest(.object(Self.stableAttributes(attributes, classifications, relations)))
        if !propertySets.isEmpty {
            fingerprint.propertySetsHash = FingerprintHasher.digest(.object(propertySets.mapValues { .object($0) }))
        }
        if let m = world(id) {
            var h = FingerprintHasher()
            for r in 0..<3 {
                for c in 0..<3 { h.combine(m[r, c]) }
                h.combine(m[r, 3] * scale)
            }
            fingerprint.placementHash = h.hex
        }
        if let b = geometry[gid]?.box {
            // The box stands in for the shape: moving, resizing or reshaping an element changes it.
            var h = FingerprintHasher()
            for v in [b.min.x, b.min.y, b.min.z, b.max.x, b.max.y, b.max.z] { h.combine((v * 1000).rounded() / 1000) }
            fingerprint.geometryHash = h.hex
        }
        let draft = EntityDocumentDraft(globalID: gid, ifcType: type, name: entityName, attributes: attributes,
                                        propertySets: propertySets, classifications: classifications, relations: relations)
        return (draft, fingerprint)
    }

    /// Attributes for hashing: references to unrooted instances (`#12`) are renumbered by every
    /// export, so only their type counts; placement and representation are hashed as their own facets.
    static func stableAttributes(_ attributes: [String: DocumentValue], _ classifications: [DocumentValue],
                                 _ relations: [String: DocumentValue]) -> [String: DocumentValue] {
        func strip(_ v: DocumentValue) -> DocumentValue {
            switch v {
            case .object(var o):
                if case .string(let ref)? = o["ref"], ref.hasPrefix("#") { o["ref"] = nil }
                return .object(o.mapValues(strip))
            case .array(let items): return .array(items.map(strip))
            default: return v
            }
        }
        var out = attributes
        out["ObjectPlacement"] = nil
        out["Representation"] = nil
        out["OwnerHistory"] = nil
        out = out.mapValues(strip)
        out["$classifications"] = .array(classifications)
        out["$relations"] = strip(.object(relations))
        return out
    }
}
