import IFC
import TwinDomain

/// A space's plan outline from its body when the body is a vertical extrusion of a polyline,
/// rectangle or indexed poly-curve profile (what authoring tools write for rooms), in metres.
///
/// Anything else (breps, sloped extrusions, curved profiles) gets no outline here; the importer then
/// falls back to the geometry box's rectangle.
struct IFCSpaceFootprint {
    let model: IFCModel
    /// Project length unit in metres.
    let scale: Double

    struct Result {
        var footprint: Footprint
        /// Extrusion depth in metres (the space's height when nothing better is known).
        var depth: Double
    }

    func footprint(of space: STEPInstanceID, world: IFCMatrix4) -> Result? {
        guard let shape = model.reference(space, "Representation") else { return nil }
        let reps = model.references(shape, "Representations")
        guard let body = reps.first(where: { model.string($0, "RepresentationIdentifier") == "Body" }) ?? reps.first else { return nil }
        for item in model.references(body, "Items").prefix(8) where model.isA(item, "IfcExtrudedAreaSolid") {
            guard let area = model.reference(item, "SweptArea"), let depth = model.double(item, "Depth"),
                  var ring = profileRing(area), ring.count >= 3 else { continue }
            let solid = model.reference(item, "Position").map(axis2Placement3D) ?? .identity
            let m = world * solid
            // Only plan-view extrusions: the solid's z axis must stay vertical.
            guard abs(m[2, 2]) > 0.999, let direction = model.reference(item, "ExtrudedDirection"),
                  let d = model[direction, "DirectionRatios"]?.asList?.compactMap(\.asDouble), d.count == 3,
                  abs(d[2]) > 0.999 * (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).squareRoot() else { continue }
            ring = ring.map { p in
                Point2D(x: (m[0, 0] * p.x + m[0, 1] * p.y + m[0, 3]) * scale,
                        y: (m[1, 0] * p.x + m[1, 1] * p.y + m[1, 3]) * scale)
            }
            if let first = ring.first, let last = ring.last, ring.count > 3, abs(first.x - last.x) < 1e-9, abs(first.y - last.y) < 1e-9 {
                ring.removeLast()
            }
            if Footprint.signedArea(ring) < 0 { ring.reverse() }
            let footprint = Footprint(outer: ring)
            guard footprint.isValid else { continue }
            return Result(footprint: footprint, depth: abs(depth) * scale)
        }
        return nil
    }

    /// Points of a profile in its own 2D frame (profile Position applied).
    func profileRing(_ profile: STEPInstanceID) -> [Point2D]? {
        if model.isA(profile, "IfcArbitraryClosedProfileDef") {
            guard let curve = model.reference(profile, "OuterCurve") else { return nil }
            return curvePoints(curve, depth: 0)
        }
        if model.isA(profile, "IfcRectangleProfileDef"), let x = model.double(profile, "XDim"), let y = model.double(profile, "YDim") {
            let corners = [Point2D(x: -x / 2, y: -y / 2), Point2D(x: x / 2, y: -y / 2), Point2D(x: x / 2, y: y / 2), Point2D(x: -x / 2, y: y / 2)]
            guard let position = model.reference(profile, "Position") else { return corners }
            let (o, ax) = axis2Placement2D(position)
            return corners.map { Point2D(x: o.x + ax.x * $0.x - ax.y * $0.y, y: o.y + ax.y * $0.x + ax.x * $0.y) }
        }
        return nil
    }

    func curvePoints(_ curve: STEPInstanceID, depth: Int) -> [Point2D]? {
        guard depth < 4 else { return nil }
        switch model.typeName(of: curve) {
        case "IfcPolyline":
            let points = model.references(curve, "Points").compactMap(point)
            return points.count >= 3 ? points : nil
        case "IfcIndexedPolyCurve":
            // Arc segments are approximated by their defining points, good enough for an outline.
            guard let list = model.reference(curve, "Points"),
                  let coords = model[list, "CoordList"]?.asList else { return nil }
            let points = coords.compactMap { c -> Point2D? in
                guard let xy = c.asList?.compactMap(\.asDouble), xy.count >= 2 else { return nil }
                return Point2D(x: xy[0], y: xy[1])
            }
            return points.count >= 3 ? points : nil
        case "IfcCompositeCurve":
            var out: [Point2D] = []
            for segment in model.references(curve, "Segments").prefix(256) {
                guard let parent = model.reference(segment, "ParentCurve"), model.typeName(of: parent) == "IfcPolyline",
                      var points = model.references(parent, "Points").compactMap(point) as [Point2D]?, !points.isEmpty
                else { return nil }
                if model[segment, "SameSense"]?.asBool == false { points.reverse() }
                if let last = out.last, let first = points.first, abs(last.x - first.x) < 1e-9, abs(last.y - first.y) < 1e-9 {
                    points.removeFirst()
                }
                out.append(contentsOf: points)
            }
            return out.count >= 3 ? out : nil
        default:
            return nil
        }
    }

    func point(_ id: STEPInstanceID) -> Point2D? {
        guard let c = model[id, "Coordinates"]?.asList?.compactMap(\.asDouble), c.count >= 2 else { return nil }
        return Point2D(x: c[0], y: c[1])
    }

    func axis2Placement2D(_ id: STEPInstanceID) -> (origin: Point2D, xAxis: Point2D) {
        let origin = model.reference(id, "Location").flatMap(point) ?? Point2D(x: 0, y: 0)
        var axis = Point2D(x: 1, y: 0)
        if let dir = model.reference(id, "RefDirection"), let r = model[dir, "DirectionRatios"]?.asList?.compactMap(\.asDouble),
           r.count >= 2 {
            let length = (r[0] * r[0] + r[1] * r[1]).squareRoot()
            if length > 1e-12 { axis = Point2D(x: r[0] / length, y: r[1] / length) }
        }
        return (origin, axis)
    }

    /// IfcAxis2Placement3D as a matrix (IfcOpenShell's axis rules: Z from Axis, X from RefDirection
    /// made orthogonal to Z); project units.
    func axis2Placement3D(_ id: STEPInstanceID) -> IFCMatrix4 {
        func vector(_ attribute: String) -> SIMD3<Double>? {
            guard let ref = model.reference(id, attribute),
                  let r = model[ref, "DirectionRatios"]?.asList?.compactMap(\.asDouble), r.count == 3 else { return nil }
            return SIMD3(r[0], r[1], r[2])
        }
        func normalized(_ v: SIMD3<Double>) -> SIMD3<Double>? {
            let l = (v * v).sum().squareRoot()
            return l > 1e-12 ? v / l : nil
        }
        func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
            SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
        }
        var origin = SIMD3<Double>(0, 0, 0)
        if let location = model.reference(id, "Location"), let c = model[location, "Coordinates"]?.asList?.compactMap(\.asDouble) {
            origin = SIMD3(c.count > 0 ? c[0] : 0, c.count > 1 ? c[1] : 0, c.count > 2 ? c[2] : 0)
        }
        let z = vector("Axis").flatMap(normalized) ?? SIMD3(0, 0, 1)
        let xHint = vector("RefDirection") ?? (abs(z.x) < 0.9 ? SIMD3(1, 0, 0) : SIMD3(0, 1, 0))
        let y = normalized(cross(z, xHint)) ?? SIMD3(0, 1, 0)
        let x = normalized(cross(y, z)) ?? SIMD3(1, 0, 0)
        return IFCMatrix4(x: x, y: y, z: z, origin: origin)
    }
}
