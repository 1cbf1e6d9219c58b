import IFCSchema
import STEP

extension IFCModel {
    /// Decodes one property definition the way IfcOpenShell's `get_property_definition` reads it:
    /// IfcElementQuantity → quantities, IfcPropertySet → properties, IfcMaterialProperties /
    /// IfcProfileProperties / IFC2X3 IfcExtendedMaterialProperties → their property lists, anything else
    /// (IfcPreDefinedPropertySet subtypes) → its non-null attributes after the fourth.
    public func propertyDefinition(_ def: STEPInstanceID) -> IFCPropertySet? {
        guard let e = entity(of: def), let args = file.arguments(of: def) else { return nil }
        func arg(_ n: String) -> STEPValue? { schema.attributeIndex(n, in: e.index).flatMap { args.value(at: $0) } }
        let name = arg("Name")?.asString
        var props: [IFCProperty] = []
        switch e.name {
        case "IfcElementQuantity":
            props = quantities(refs(arg("Quantities")), depth: 0)
        case "IfcPropertySet":
            props = properties(refs(arg("HasProperties")), depth: 0)
        case "IfcMaterialProperties", "IfcProfileProperties":
            props = properties(refs(arg("Properties")), depth: 0)
        case "IfcExtendedMaterialProperties":
            props = properties(refs(arg("ExtendedProperties")), depth: 0)
        default:
            for (k, a) in e.attributes.enumerated() where k >= 4 {
                guard let v = args.value(at: k), v != .null, v != .derived else { continue }
                props.append(IFCProperty(id: nil, name: a.name, entity: e.name, value: .attribute(v)))
            }
        }
        return IFCPropertySet(id: def, name: name, entity: e.name, properties: props)
    }

    private func refs(_ v: STEPValue?) -> [STEPInstanceID] {
        guard let v else { return [] }
        var out: [STEPInstanceID] = []
        Self.collectReferences(v, depth: 0) { out.append($0) }
        return out
    }

    func properties(_ ids: [STEPInstanceID], depth: Int) -> [IFCProperty] {
        guard depth < 16 else { return [] }
        var out: [IFCProperty] = []
        out.reserveCapacity(ids.count)
        for p in ids {
            guard let e = entity(of: p), let args = file.arguments(of: p) else { continue }
            func arg(_ n: String) -> STEPValue? {
                schema.attributeIndex(n, in: e.index).flatMap { args.value(at: $0) }
            }
            func nonNull(_ v: STEPValue?) -> STEPValue? { v == .null || v == .derived ? nil : v }
            let value: IFCPropertyValue
            switch e.name {
            case "IfcPropertySingleValue":
                value = .single(nonNull(arg("NominalValue")), unit: arg("Unit")?.asReference)
            case "IfcPropertyEnumeratedValue":
                value = .enumerated(arg("EnumerationValues")?.asList ?? [],
                                    reference: arg("EnumerationReference")?.asReference)
            case "IfcPropertyListValue":
                value = .list(arg("ListValues")?.asList ?? [], unit: arg("Unit")?.asReference)
            case "IfcPropertyBoundedValue":
                value = .bounded(upper: nonNull(arg("UpperBoundValue")), lower: nonNull(arg("LowerBoundValue")),
                                 setPoint: nonNull(arg("SetPointValue")), unit: arg("Unit")?.asReference)
            case "IfcPropertyTableValue":
                value = .table(defining: arg("DefiningValues")?.asList ?? [],
                               defined: arg("DefinedValues")?.asList ?? [])
            case "IfcComplexProperty":
                value = .complex(properties(refs(arg("HasProperties")), depth: depth + 1))
            default:
                // IfcPropertyReferenceValue and anything unexpected: kept, but not listed by IfcOpenShell.
                value = .reference(arg("PropertyReference")?.asReference)
            }
            out.append(IFCProperty(id: p, name: args.value(at: 0)?.asString, entity: e.name, value: value))
        }
        return out
    }

    func quantities(_ ids: [STEPInstanceID], depth: Int) -> [IFCProperty] {
        guard depth < 16 else { return [] }
        var out: [IFCProperty] = []
        for q in ids {
            guard let e = entity(of: q), let args = file.arguments(of: q) else { continue }
            let name = args.value(at: 0)?.asString
            if schema.isSubtype(e.index, of: common.physicalSimpleQuantity) {
                let unit = schema.attributeIndex("Unit", in: e.index).flatMap { args.value(at: $0)?.asReference }
                out.append(IFCProperty(id: q, name: name, entity: e.name,
                                       value: .quantity(kind: e.name, value: args.value(at: 3)?.asDouble, unit: unit)))
            } else if schema.isSubtype(e.index, of: common.physicalComplexQuantity) {
                let inner = schema.attributeIndex("HasQuantities", in: e.index).flatMap { args.value(at: $0) }
                out.append(IFCProperty(id: q, name: name, entity: e.name,
                                       value: .complexQuantity(quantities(refs(inner), depth: depth + 1))))
            }
        }
        return out
    }

    /// Property definitions attached to an occurrence through IfcRelDefinesByProperties (IFC4
    /// IfcPropertySetDefinitionSet unpacked), in relationship file order.
    public func occurrencePropertyDefinitions(of id: STEPInstanceID) -> [STEPInstanceID] {
        var out: [STEPInstanceID] = []
        for rel in inverse(of: id, "IsDefinedBy") where isA(rel, entity: common.relDefinesByProperties) {
            out.append(contentsOf: linked(rel, "RelatingPropertyDefinition"))
        }
        return out
    }

    /// HasPropertySets of a type object.
    public func typePropertyDefinitions(of typeID: STEPInstanceID) -> [STEPInstanceID] {
        linked(typeID, "HasPropertySets")
    }

    /// Property and quantity sets of an object merged by name: the type's sets first, then the
    /// occurrence's, whose properties win on equal names (IfcOpenShell `get_psets` semantics).
    public func propertySets(of id: STEPInstanceID, inheritFromType: Bool = true) -> [IFCPropertySet] {
        var order: [String?] = []
        var merged: [String?: (first: IFCPropertySet, props: [IFCProperty])] = [:]
        func add(_ set: IFCPropertySet) {
            if var existing = merged[set.name] {
                for p in set.properties {
                    if let k = existing.props.firstIndex(where: { $0.name == p.name }) {
                        existing.props[k] = p
                    } else {
                        existing.props.append(p)
                    }
                }
                merged[set.name] = existing
            } else {
                order.append(set.name)
                merged[set.name] = (set, set.properties)
            }
        }
        let defs: [STEPInstanceID]
        if isA(id, entity: common.typeObject) {
            defs = typePropertyDefinitions(of: id)
        } else {
            var d: [STEPInstanceID] = []
            if inheritFromType, let t = typeObject(of: id) { d = typePropertyDefinitions(of: t) }
            d.append(contentsOf: occurrencePropertyDefinitions(of: id))
            defs = d
        }
        for def in defs { if let s = propertyDefinition(def) { add(s) } }
        return order.compactMap { n in
            merged[n].map { IFCPropertySet(id: $0.first.id, name: n, entity: $0.first.entity, properties: $0.props) }
        }
    }
}
