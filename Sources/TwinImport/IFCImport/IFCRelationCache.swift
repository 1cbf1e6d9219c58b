import IFC

/// Relationship lookups the importer makes per element, with the "relating" end of each
/// relationship cached.
///
/// Why: `IFCModel.linked` walks every reference a relationship holds, so asking a type relation
/// with 70,000 RelatedObjects for its RelatingType costs 70,000 steps, once per occurrence — a
/// campus model spent most of its import there. Each relationship is now read once. Not Sendable:
/// one import task owns it.
final class IFCRelationCache {
    let model: IFCModel
    private var relating: [Key: STEPInstanceID?] = [:]
    private var definitions: [STEPInstanceID: [STEPInstanceID]] = [:]
    let isIFC2X3: Bool

    struct Key: Hashable {
        var rel: STEPInstanceID
        var attribute: String
    }

    init(model: IFCModel) {
        self.model = model
        isIFC2X3 = model.schema.id == .ifc2x3
    }

    /// The single instance a relationship's `attribute` points at (RelatingType, RelatingStructure…).
    func relating(_ rel: STEPInstanceID, _ attribute: String) -> STEPInstanceID? {
        let key = Key(rel: rel, attribute: attribute)
        if let hit = relating[key] { return hit }
        let value = model.linked(rel, attribute).first
        relating[key] = value
        return value
    }

    /// The type object of an occurrence (IFC4+ IsTypedBy; IFC2X3 IfcRelDefinesByType in IsDefinedBy).
    func typeObject(of id: STEPInstanceID) -> STEPInstanceID? {
        if model.isA(id, "IfcTypeObject") { return id }
        if isIFC2X3 {
            for rel in model.inverse(of: id, "IsDefinedBy") where model.isA(rel, "IfcRelDefinesByType") {
                return relating(rel, "RelatingType")
            }
            return nil
        }
        return model.inverse(of: id, "IsTypedBy").first.flatMap { relating($0, "RelatingType") }
    }

    /// Property definitions attached to an occurrence (IfcRelDefinesByProperties).
    func occurrenceDefinitions(of id: STEPInstanceID) -> [STEPInstanceID] {
        var out: [STEPInstanceID] = []
        for rel in model.inverse(of: id, "IsDefinedBy") where model.isA(rel, "IfcRelDefinesByProperties") {
            if let hit = definitions[rel] { out += hit; continue }
            // IFC4 allows a set of definitions per relationship; most files hold one.
            let defs = model.linked(rel, "RelatingPropertyDefinition")
            definitions[rel] = defs
            out += defs
        }
        return out
    }

    /// Definitions of an object: for occurrences the type's first, then the occurrence's (so merging by
    /// name in order lets the occurrence win, IfcOpenShell's `get_psets` rule).
    func definitions(of id: STEPInstanceID, type: STEPInstanceID?) -> [STEPInstanceID] {
        if model.isA(id, "IfcTypeObject") { return model.typePropertyDefinitions(of: id) }
        var defs: [STEPInstanceID] = []
        if let type { defs = model.typePropertyDefinitions(of: type) }
        return defs + occurrenceDefinitions(of: id)
    }

    /// Decoded property and quantity sets in `definitions(of:type:)` order.
    func propertySets(of id: STEPInstanceID, type: STEPInstanceID?) -> [IFCPropertySet] {
        definitions(of: id, type: type).compactMap(model.propertyDefinition)
    }

    /// Names of the sets, without decoding their properties.
    func propertySetNames(of id: STEPInstanceID, type: STEPInstanceID?) -> Set<String> {
        Set(definitions(of: id, type: type).compactMap { model.string($0, "Name") })
    }

    struct Classification {
        var system: String?
        var code: String?
        var name: String?
    }

    /// Classification references (IfcRelAssociatesClassification), system = the IfcClassification at the top.
    func classifications(of id: STEPInstanceID) -> [Classification] {
        var out: [Classification] = []
        for rel in model.inverse(of: id, "HasAssociations") where model.isA(rel, "IfcRelAssociatesClassification") {
            guard let c = relating(rel, "RelatingClassification") else { continue }
            var system: String?
            var cursor: STEPInstanceID? = c
            for _ in 0..<16 {
                guard let cur = cursor else { break }
                if model.isA(cur, "IfcClassification") { system = model.string(cur, "Name"); break }
                cursor = model.reference(cur, "ReferencedSource")
            }
            out.append(Classification(system: system, code: model.string(c, "Identification") ?? model.string(c, "ItemReference"),
                                      name: model.string(c, "Name")))
        }
        return out
    }

    func directContainer(of id: STEPInstanceID) -> STEPInstanceID? {
        model.inverse(of: id, "ContainedInStructure").first.flatMap { relating($0, "RelatingStructure") }
    }

    /// The whole an object is aggregated into (IFC2X3: only IfcRelAggregates among Decomposes).
    func aggregate(of id: STEPInstanceID) -> STEPInstanceID? {
        guard let rel = model.inverse(of: id, "Decomposes").first else { return nil }
        if isIFC2X3, !model.isA(rel, "IfcRelAggregates") { return nil }
        return relating(rel, "RelatingObject")
    }

    /// The host an object is nested in (IFC4+ Nests; IFC2X3 IfcRelNests in Decomposes).
    func nest(of id: STEPInstanceID) -> STEPInstanceID? {
        if isIFC2X3 {
            guard let rel = model.inverse(of: id, "Decomposes").first, model.isA(rel, "IfcRelNests") else { return nil }
            return relating(rel, "RelatingObject")
        }
        return model.inverse(of: id, "Nests").first.flatMap { relating($0, "RelatingObject") }
    }

    /// The spatial container: the direct one, else the container of the whole/host (bounded, cycle-safe).
    func container(of id: STEPInstanceID) -> STEPInstanceID? {
        var cursor = id
        var seen: Set<STEPInstanceID> = [id]
        for _ in 0..<64 {
            if let c = directContainer(of: cursor) { return c }
            guard let p = aggregate(of: cursor) ?? nest(of: cursor), seen.insert(p).inserted else { return nil }
            cursor = p
        }
        return nil
    }

    /// Groups an object is assigned to (IfcRelAssignsToGroup).
    func groups(of id: STEPInstanceID) -> [STEPInstanceID] {
        model.inverse(of: id, "HasAssignments").filter { model.isA($0, "IfcRelAssignsToGroup") }.compactMap { relating($0, "RelatingGroup") }
    }

    func systems(of id: STEPInstanceID) -> [STEPInstanceID] {
        groups(of: id).filter { model.isA($0, "IfcSystem") && !model.isA($0, "IfcZone") }
    }

    func zones(of id: STEPInstanceID) -> [STEPInstanceID] {
        groups(of: id).filter { model.isA($0, "IfcZone") }
    }
}
