import Foundation
import IFC
import STEP

/// The comparison rules of the fidelity test: exact for counts and relations, 1e-6 m for origins.
enum IFCReferenceComparison {
    /// GlobalIds of products placed linearly on an IfcGradientCurve past a vertical IfcCurveSegment whose IfcCircle
    /// parent does not start at the top or bottom of the circle (its start tangent is not along the parent's x).
    /// IfcOpenShell 0.9 takes the horizontal extent of such an arc along the parent's x axis, so every following
    /// vertical span is shifted: in Railway_project_simple the crest arc (SegmentStart 0, R 5000, 50 m) gets a
    /// 0.25 m span, and at 506.2 m the elevation comes from the next -1 % grade (4.47 m) instead of the arc
    /// (4.92 m, which the file's own CartesianPosition also gives). Only these origins are excused; arcs that start
    /// at ±90° (linear-placement-of-signal) and all horizontal line/circle/clothoid evaluation must match.
    static func linearlyPlaced(_ model: IFCModel) -> Set<String> {
        var out = Set<String>()
        for p in model.instances(of: "IfcProduct") {
            var cursor = model.reference(p, "ObjectPlacement")
            var steps = 0
            while let c = cursor, steps < 64 {
                if model.isA(c, "IfcLinearPlacement") {
                    if skewedVerticalArcBefore(c, model), let gid = model.globalID(of: p) { out.insert(gid) }
                    break
                }
                cursor = model.reference(c, "PlacementRelTo")
                steps += 1
            }
        }
        return out
    }

    static func skewedVerticalArcBefore(_ placement: STEPInstanceID, _ model: IFCModel) -> Bool {
        guard let axis = model.reference(placement, "RelativePlacement"),
              let point = model.reference(axis, "Location"),
              let distance = model.double(point, "DistanceAlong"),
              let curve = model.reference(point, "BasisCurve"), model.isA(curve, "IfcGradientCurve"),
              let segments = model[curve, "Segments"]?.asList else { return false }
        for s in segments.prefix(10_000) {
            guard let seg = s.asReference, let start = model[seg, "SegmentStart"]?.asDouble,
                  let parent = model.reference(seg, "ParentCurve"), model.isA(parent, "IfcCircle"),
                  let radius = model.double(parent, "Radius"), radius > 0,
                  let place = model.reference(seg, "Placement"), let loc = model.reference(place, "Location"),
                  let x = model[loc, "Coordinates"]?.asList?.first?.asDouble else { continue }
            var angle = start / radius
            if let position = model.reference(parent, "Position"), let dir = model.reference(position, "RefDirection"),
               let r = model[dir, "DirectionRatios"]?.asList?.compactMap(\.asDouble), r.count >= 2 {
                angle += atan2(r[1], r[0])
            }
            if abs(cos(angle)) > 1e-6, x <= distance { return true }
        }
        return false
    }

    /// First difference outside `excusedOrigins`; differences on excused origins go to `excused`.
    static func firstDifference(
        expected e: [String: Any], actual a: IFCInspectionReport,
        excusedOrigins: Set<String> = [], excused: inout [String]
    ) -> String? {
        if let n = e["instances"] as? Int, n != a.instances { return "instances \(n) vs \(a.instances)" }
        let counts = (e["counts"] as? [String: Int]) ?? [:]
        if counts != a.counts {
            let keys = Set(counts.keys).union(a.counts.keys).sorted()
            let k = keys.first { counts[$0] != a.counts[$0] } ?? "?"
            let want = counts[k].map { String($0) } ?? "nil"
            let got = a.counts[k].map { String($0) } ?? "nil"
            return "counts[\(k)] \(want) vs \(got)"
        }
        if let u = e["length_unit_in_metres"] as? Double, abs(u - a.lengthUnitInMetres) > 1e-12 {
            return "length_unit_in_metres \(u) vs \(a.lengthUnitInMetres)"
        }
        let spatial = (e["spatial"] as? [[String: Any]]) ?? []
        let mySpatial = Dictionary(a.spatial.map { ($0.id ?? "", $0) }, uniquingKeysWith: { x, _ in x })
        if spatial.count != a.spatial.count { return "spatial count \(spatial.count) vs \(a.spatial.count)" }
        for s in spatial {
            let id = s["id"] as? String ?? ""
            guard let m = mySpatial[id] else { return "spatial \(id) missing" }
            if (s["type"] as? String) != m.type { return "spatial \(id) type \(s["type"] ?? "nil") vs \(m.type)" }
            if (s["name"] as? String) != m.name { return "spatial \(id) name" }
            if (s["long_name"] as? String) != m.longName { return "spatial \(id) long_name" }
            if (s["parent"] as? String) != m.parent { return "spatial \(id) parent \(s["parent"] ?? "nil") vs \(m.parent ?? "nil")" }
            if s.keys.contains("elevation") {
                let x = s["elevation"] as? Double
                if (x == nil) != (m.elevation == nil) || abs((x ?? 0) - (m.elevation ?? 0)) > 1e-9 {
                    let want = x.map { String($0) } ?? "nil"
                    let got = m.elevation.map { String($0) } ?? "nil"
                    return "spatial \(id) elevation \(want) vs \(got)"
                }
            }
        }
        let elements = (e["elements"] as? [[String: Any]]) ?? []
        if elements.count != a.elements.count { return "element count \(elements.count) vs \(a.elements.count)" }
        let mine = Dictionary(a.elements.map { ($0.id ?? "", $0) }, uniquingKeysWith: { x, _ in x })
        for x in elements {
            let id = x["id"] as? String ?? ""
            guard let m = mine[id] else { return "element \(id) missing" }
            let t = x["type"] as? String ?? "?"
            if t != m.type { return "element \(id) type \(t) vs \(m.type)" }
            if (x["container"] as? String) != m.container {
                return "element \(id) (\(t)) container \(x["container"] ?? "nil") vs \(m.container ?? "nil")"
            }
            if (x["type_object"] as? String) != m.typeObject {
                return "element \(id) (\(t)) type_object \(x["type_object"] ?? "nil") vs \(m.typeObject ?? "nil")"
            }
            if (x["psets"] as? Int) != m.psets { return "element \(id) (\(t)) psets \(x["psets"] ?? "nil") vs \(m.psets)" }
            if (x["properties"] as? Int) != m.properties {
                return "element \(id) (\(t)) properties \(x["properties"] ?? "nil") vs \(m.properties)"
            }
        }
        if (e["pset_total"] as? Int) != a.psetTotal { return "pset_total \(e["pset_total"] ?? "nil") vs \(a.psetTotal)" }
        if (e["property_total"] as? Int) != a.propertyTotal {
            return "property_total \(e["property_total"] ?? "nil") vs \(a.propertyTotal)"
        }
        let origins = (e["world_origin_m"] as? [String: Any]) ?? [:]
        if origins.count != a.worldOriginM.count { return "world_origin_m count \(origins.count) vs \(a.worldOriginM.count)" }
        for (id, value) in origins {
            guard let m = a.worldOriginM[id] else { return "world_origin_m \(id) missing" }
            if excusedOrigins.contains(id) {
                var same = false
                if case .point(let p) = m, let v = value as? [Double], v.count == 3, p.count == 3 {
                    same = !zip(v, p).contains(where: { abs($0 - $1) > 1e-6 + 1e-9 })
                }
                if !same { excused.append("world_origin_m \(id) \(value) vs \(m)") }
                continue
            }
            switch (value, m) {
            case (is String, .error):
                continue  // both could not compute it
            case (let v as String, .point) where v.contains("IfcGridPlacement") && v.contains("RelativePlacement"):
                // IfcOpenShell 0.9's get_local_placement reads RelativePlacement, which IfcGridPlacement does not
                // have, so the reference holds an error for every grid-placed product (its geometry kernel fails on
                // them too: "Unexpected topology"). We evaluate the grid intersection instead; those positions are
                // checked against hand-computed ones in IFCGridPlacementTests. Only that exact reference error is
                // excused: every other origin must still match within 1e-6 m.
                continue
            case (let v as [Double], .point(let p)) where v.count == 3 && p.count == 3:
                if zip(v, p).contains(where: { abs($0 - $1) > 1e-6 + 1e-9 }) { return "world_origin_m \(id) \(v) vs \(p)" }
            default:
                return "world_origin_m \(id) \(value) vs \(m)"
            }
        }
        return nil
    }
}
