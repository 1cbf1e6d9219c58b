import IFCSchema
import STEP

extension IFCModel {
    /// True for IfcSpatialStructureElement subtypes, IfcSpatialZone (IFC4+) and IfcProject.
    public func isSpatial(_ id: STEPInstanceID) -> Bool {
        isA(id, entity: common.spatialStructureElement) || isA(id, entity: common.spatialZone)
            || isA(id, entity: common.project)
    }

    /// The spatial tree in depth-first order from each IfcProject through IfcRelAggregates
    /// (site → building/facility → storey/facility part → space), cycle-safe and bounded.
    public func spatialTree() -> [IFCSpatialNode] {
        var out: [IFCSpatialNode] = []
        var seen: Set<STEPInstanceID> = []
        var stack: [(STEPInstanceID, Int?, Int)] = instances(ofEntity: common.project).reversed().map { ($0, nil, 0) }
        while let (id, parent, depth) = stack.popLast(), out.count < 1_000_000 {
            guard seen.insert(id).inserted else { continue }
            let v = attributes(of: id, ["GlobalId", "Name", "LongName"])
            out.append(IFCSpatialNode(id: id, entity: typeName(of: id) ?? "?", globalID: v[0]?.asString,
                                      name: v[1]?.asString, longName: v[2]?.asString, parent: parent, depth: depth))
            let index = out.count - 1
            guard depth < 64 else { continue }
            for child in parts(of: id).reversed() where isSpatial(child) { stack.append((child, index, depth + 1)) }
        }
        return out
    }
}
