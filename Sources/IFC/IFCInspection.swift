import Foundation
import IFCSchema
import STEP

/// Builds the inspect report for a model, with IfcOpenShell's counting rules (see ifc-reference):
/// every IfcProduct is an element; spatial elements get no container; psets are merged with the
/// type's by name; properties count distinct names per merged set.
public enum IFCInspection {
    public static func report(for model: IFCModel) -> IFCInspectionReport {
        let c = model.common
        let scale = model.lengthUnitInMetres

        var spatial: [IFCInspectionReport.Spatial] = []
        var spatialKinds = model.instances(ofEntity: c.spatialStructureElement)
        if c.spatialZone >= 0 { spatialKinds.append(contentsOf: model.instances(ofEntity: c.spatialZone)) }
        for s in spatialKinds {
            let v = model.attributes(of: s, ["GlobalId", "Name", "LongName", "Elevation"])
            let isStorey = model.isA(s, entity: c.buildingStorey)
            spatial.append(.init(
                id: v[0]?.asString, type: model.typeName(of: s) ?? "?", name: v[1]?.asString,
                longName: v[2]?.asString, parent: model.aggregate(of: s).flatMap { model.globalID(of: $0) },
                elevation: isStorey ? v[3]?.asDouble : nil, isStorey: isStorey))
        }
        spatial = sortedByID(spatial, \.id)

        var elements: [IFCInspectionReport.Element] = []
        var origins: [String: IFCInspectionReport.Origin] = [:]
        var psetTotal = 0
        var propertyTotal = 0
        // Set and property names are interned to small integers: the same few hundred names recur in
        // thousands of sets, so the cache holds each string once and merging hashes integers.
        var nameCodes: [String?: Int32] = [:]
        func code(_ name: String?) -> Int32 {
            if let c = nameCodes[name] { return c }
            let c = Int32(nameCodes.count)
            nameCodes[name] = c
            return c
        }
        var definitionCache: [STEPInstanceID: (name: Int32, keys: [Int32])] = [:]
        var resolver = IFCPlacementResolver(model: model)
        func definition(_ d: STEPInstanceID) -> (name: Int32, keys: [Int32])? {
            if let hit = definitionCache[d] { return hit }
            guard let set = model.propertyDefinition(d) else { return nil }
            let entry = (code(set.name), set.listedNames.map(code))
            definitionCache[d] = entry
            return entry
        }
        for p in model.instances(ofEntity: c.product) {
            let v = model.attributes(of: p, ["GlobalId", "Name", "PredefinedType", "ObjectPlacement"])
            let gid = v[0]?.asString
            let isSpatial = model.isA(p, entity: c.spatialStructureElement) || model.isA(p, entity: c.spatialZone)
            let container = isSpatial ? nil : model.container(of: p).flatMap { model.globalID(of: $0) }
            let type = model.typeObject(of: p)
            // Property sets merged by name, type first, as IfcOpenShell's get_psets does.
            var keys: [Int32: Set<Int32>] = [:]
            var defs: [STEPInstanceID] = []
            if let t = type { defs = model.typePropertyDefinitions(of: t) }
            defs.append(contentsOf: model.occurrencePropertyDefinitions(of: p))
            for d in defs {
                guard let entry = definition(d) else { continue }
                keys[entry.name, default: []].formUnion(entry.keys)
            }
            let nProps = keys.values.reduce(0) { $0 + $1.count }
            psetTotal += keys.count
            propertyTotal += nProps
            elements.append(.init(
                id: gid, type: model.typeName(of: p) ?? "?", name: v[1]?.asString,
                predefined: v[2]?.asEnumeration, container: container,
                typeObject: type.flatMap { model.globalID(of: $0) }, psets: keys.count, properties: nProps))
            if let placement = v[3]?.asReference, let gid {
                switch resolver.world(placement) {
                case .success(let m):
                    let o = m.origin
                    origins[gid] = .point([o.x * scale, o.y * scale, o.z * scale])
                case .failure(let f):
                    origins[gid] = .error("error: \(f)")
                }
            }
        }
        elements = sortedByID(elements, \.id)

        let project = model.project.map { pr in
            IFCInspectionReport.Project(id: model.globalID(of: pr), name: model.string(pr, "Name"))
        }
        var diags = model.diagnostics
        diags.append(contentsOf: resolver.diagnostics)
        return IFCInspectionReport(
            schema: model.schemaIdentifier, instances: model.instanceCount, counts: model.countsByType(),
            project: project, lengthUnitInMetres: scale, spatial: spatial, elements: elements,
            psetTotal: psetTotal, propertyTotal: propertyTotal, worldOriginM: origins,
            diagnostics: diags.map { .init(severity: $0.severity.rawValue, line: $0.line, column: $0.column, message: $0.message) })
    }

    static func round6(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }

    /// Sorted by GlobalId in code-point order (Python's string order, which ifc-reference uses), ties in
    /// input order. Keys are compared as UTF-8 bytes, which is that order and much cheaper than
    /// `String <` on thousands of ids; only indices move while sorting.
    static func sortedByID<T>(_ items: [T], _ id: (T) -> String?) -> [T] {
        let keys = items.map { Array((id($0) ?? "").utf8) }
        let order = items.indices.sorted { a, b in
            if keys[a] == keys[b] { return a < b }
            return keys[a].lexicographicallyPrecedes(keys[b])
        }
        return order.map { items[$0] }
    }
}
