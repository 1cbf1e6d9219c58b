import IFCSchema
import STEP

extension IFCModel {
    /// The whole this object is aggregated into (first `Decomposes`; in IFC2X3 only IfcRelAggregates).
    public func aggregate(of id: STEPInstanceID) -> STEPInstanceID? {
        guard let rel = inverse(of: id, "Decomposes").first else { return nil }
        if schema.id == .ifc2x3, !isA(rel, entity: common.relAggregates) { return nil }
        return linked(rel, "RelatingObject").first
    }

    /// The host this object is nested in (IFC4+ `Nests`; IFC2X3 IfcRelNests through `Decomposes`).
    public func nest(of id: STEPInstanceID) -> STEPInstanceID? {
        if schema.id == .ifc2x3 {
            guard let rel = inverse(of: id, "Decomposes").first, isA(rel, entity: common.relNests) else { return nil }
            return linked(rel, "RelatingObject").first
        }
        guard let rel = inverse(of: id, "Nests").first else { return nil }
        return linked(rel, "RelatingObject").first
    }

    /// Parts aggregated into `id` (all IsDecomposedBy relations; IFC2X3 only IfcRelAggregates).
    public func parts(of id: STEPInstanceID) -> [STEPInstanceID] {
        var out: [STEPInstanceID] = []
        for rel in inverse(of: id, "IsDecomposedBy") {
            if schema.id == .ifc2x3, !isA(rel, entity: common.relAggregates) { continue }
            out.append(contentsOf: linked(rel, "RelatedObjects"))
        }
        return out
    }

    /// The spatial element directly containing `id` (first ContainedInStructure).
    public func directContainer(of id: STEPInstanceID) -> STEPInstanceID? {
        guard let rel = inverse(of: id, "ContainedInStructure").first else { return nil }
        return linked(rel, "RelatingStructure").first
    }

    /// Elements directly contained in a spatial element.
    public func containedElements(of id: STEPInstanceID) -> [STEPInstanceID] {
        inverse(of: id, "ContainsElements").flatMap { linked($0, "RelatedElements") }
    }

    /// The opening an element fills (doors, windows).
    public func filledVoid(of id: STEPInstanceID) -> STEPInstanceID? {
        guard let rel = inverse(of: id, "FillsVoids").first else { return nil }
        return linked(rel, "RelatingOpeningElement").first
    }

    /// The element an opening voids.
    public func voidedElement(of id: STEPInstanceID) -> STEPInstanceID? {
        guard let rel = inverse(of: id, "VoidsElements").first else { return nil }
        return linked(rel, "RelatingBuildingElement").first
    }

    /// The element a surface feature adheres to (IFC4X3).
    public func adheredElement(of id: STEPInstanceID) -> STEPInstanceID? {
        guard let rel = inverse(of: id, "AdheresToElement").first else { return nil }
        return linked(rel, "RelatingElement").first
    }

    /// The next object up the spatial hierarchy, IfcOpenShell's `get_parent` order: direct container,
    /// aggregate, nest, filled opening, voided element, adhered element.
    public func parent(of id: STEPInstanceID) -> STEPInstanceID? {
        directContainer(of: id) ?? aggregate(of: id) ?? nest(of: id) ?? filledVoid(of: id)
            ?? voidedElement(of: id) ?? adheredElement(of: id)
    }

    /// The spatial container of an element: its direct container, else the container of its parent
    /// (aggregate, nest, filling, voiding) — IfcOpenShell's `get_container` rule. Cycle-safe.
    public func container(of id: STEPInstanceID) -> STEPInstanceID? {
        var cursor = id
        var seen: Set<STEPInstanceID> = [id]
        for _ in 0..<256 {
            if let c = directContainer(of: cursor) { return c }
            guard let p = parent(of: cursor), seen.insert(p).inserted else { return nil }
            cursor = p
        }
        return nil
    }

    /// The type object of an occurrence (IFC4+ IsTypedBy; IFC2X3 the first IfcRelDefinesByType in
    /// IsDefinedBy). A type object is its own type.
    public func typeObject(of id: STEPInstanceID) -> STEPInstanceID? {
        if isA(id, entity: common.typeObject) { return id }
        if schema.id == .ifc2x3 {
            for rel in inverse(of: id, "IsDefinedBy") where isA(rel, entity: common.relDefinesByType) {
                return linked(rel, "RelatingType").first
            }
            return nil
        }
        guard let rel = inverse(of: id, "IsTypedBy").first else { return nil }
        return linked(rel, "RelatingType").first
    }

    /// Occurrences of a type object.
    public func occurrences(ofType typeID: STEPInstanceID) -> [STEPInstanceID] {
        let name = schema.id == .ifc2x3 ? "ObjectTypeOf" : "Types"
        return inverse(of: typeID, name).flatMap { linked($0, "RelatedObjects") }
    }

    /// References held by a list-valued attribute.
    public func references(_ id: STEPInstanceID, _ attribute: String) -> [STEPInstanceID] {
        guard let v = self[id, attribute] else { return [] }
        var out: [STEPInstanceID] = []
        Self.collectReferences(v, depth: 0) { out.append($0) }
        return out
    }
}
