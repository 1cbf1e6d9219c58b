import IFCSchema
import STEP

extension IFCModel {
    /// Instances reaching `id` through the inverse attribute `name` declared on its entity
    /// (e.g. `inverse(of: wall, "ContainedInStructure")`), in file order of the referencing instances.
    ///
    /// Empty when the entity does not declare that inverse: IfcOpenShell's getattr semantics, which the
    /// containment and typing rules depend on.
    public func inverse(of id: STEPInstanceID, _ name: String) -> [STEPInstanceID] {
        guard let o = file.ordinal(of: id) else { return [] }
        let e = entityIndex(atOrdinal: o)
        guard e >= 0, let decl = schema.inverse(named: name, in: e),
              let target = schema.entityIndex(named: decl.targetEntity) else { return [] }
        var out: [STEPInstanceID] = []
        for k in inverse.range(of: o) {
            let src = Int(inverse.sources[k])
            let se = entityIndex(atOrdinal: src)
            guard se >= 0, schema.isSubtype(se, of: target),
                  schema.attributeIndex(decl.targetAttribute, in: se) == Int(inverse.attributes[k]) else { continue }
            let sid = file.instanceID(atOrdinal: src)
            if !out.contains(sid) { out.append(sid) }
        }
        return out
    }

    /// Every instance referencing `id` through an indexed relationship/type-object attribute.
    public func referencingRelationships(of id: STEPInstanceID) -> [STEPInstanceID] {
        guard let o = file.ordinal(of: id) else { return [] }
        var out: [STEPInstanceID] = []
        for k in inverse.range(of: o) {
            let sid = file.instanceID(atOrdinal: Int(inverse.sources[k]))
            if !out.contains(sid) { out.append(sid) }
        }
        return out
    }

    /// References held by `attribute` of `id`, answered from the relationship index when that attribute
    /// is indexed (no decoding), else by decoding the instance.
    public func linked(_ id: STEPInstanceID, _ attribute: String) -> [STEPInstanceID] {
        guard let o = file.ordinal(of: id) else { return [] }
        let e = entityIndex(atOrdinal: o)
        guard e >= 0, let k = schema.attributeIndex(attribute, in: e) else { return [] }
        guard indexedAttributes[e].contains(k) else { return references(id, attribute) }
        var out: [STEPInstanceID] = []
        for j in forward.range(of: o) where Int(forward.attributes[j]) == k {
            out.append(file.instanceID(atOrdinal: Int(forward.targets[j])))
        }
        return out
    }
}
