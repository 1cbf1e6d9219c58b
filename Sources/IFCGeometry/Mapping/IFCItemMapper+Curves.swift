import Foundation
import IFC

/// Bounding curves of profiles (2D) and directrices of swept disks (3D).
extension IFCItemMapper {
    /// Integer index lists of IFCLINEINDEX((…)) / IFCARCINDEX((…)) select values.
    func indexList(_ v: STEPValue) -> (arc: Bool, indices: [Int])? {
        guard case .typed(let name, let inner) = v else { return nil }
        let list = inner.count == 1 ? (inner[0].asList ?? inner) : inner
        let ints = list.compactMap(\.asInt)
        return (name.uppercased() == "IFCARCINDEX", ints)
    }

    /// CoordList of an IfcCartesianPointList2D/3D in metres.
    func pointList(_ id: STEPInstanceID?) -> [Vec3] {
        guard let id, let rows = model[id, "CoordList"]?.asList else { return [] }
        var out: [Vec3] = []
        out.reserveCapacity(rows.count)
        for r in rows {
            let c = numbers(r)
            out.append(c.count >= 2 ? Vec3(c[0] * scale, c[1] * scale, c.count > 2 ? c[2] * scale : 0)
                                    : Vec3(.nan, .nan, .nan))
        }
        return out
    }

    /// A 2D bounding curve, or nil (with a diagnostic) when the entity is not supported.
    func curve2(_ id: STEPInstanceID, depth: Int, _ state: inout IFCMapState) -> Curve2D? {
        guard enter(id, depth: depth, &state) else { return nil }
        defer { leave(id, &state) }
        switch type(id) {
        case "IfcPolyline":
            let pts = model.references(id, "Points").compactMap { point2($0, &state) }
            return pts.count >= 2 ? .polyline(pts) : nil
        case "IfcIndexedPolyCurve":
            let a = attrs(id, "Points", "Segments")
            let pts = pointList(a[0]?.asReference).map { Vec2($0.x, $0.y) }
            guard pts.count >= 2 else { return nil }
            guard let segs = a[1]?.asList, !segs.isEmpty else { return .indexedPolyCurve(points: pts, segments: nil) }
            var out: [Curve2D.IndexedSegment] = []
            for s in segs {
                guard let (arc, idx) = indexList(s) else { continue }
                if arc, idx.count == 3 { out.append(.arc(idx[0], idx[1], idx[2])) } else if idx.count >= 2 { out.append(.line(idx)) }
            }
            return .indexedPolyCurve(points: pts, segments: out)
        case "IfcCompositeCurve", "IfcCompositeCurveOnSurface", "IfcBoundaryCurve", "IfcOuterBoundaryCurve":
            var segs: [Curve2D.CompositeSegment] = []
            for s in model.references(id, "Segments") {
                let a = attrs(s, "SameSense", "ParentCurve")
                guard let parent = a[1]?.asReference, let c = curve2(parent, depth: depth + 1, &state) else { continue }
                segs.append(.init(c, sameSense: a[0]?.asBool ?? true))
            }
            return segs.isEmpty ? nil : .composite(segs)
        case "IfcTrimmedCurve":
            let a = attrs(id, "BasisCurve", "Trim1", "Trim2", "SenseAgreement", "MasterRepresentation")
            guard let basisID = a[0]?.asReference else { return nil }
            let sense = a[3]?.asBool ?? true
            let preferPoint = a[4]?.asEnumeration == "CARTESIAN"
            if type(basisID) == "IfcLine" {
                guard let p0 = linePoint(basisID, a[1], &state), let p1 = linePoint(basisID, a[2], &state) else { return nil }
                return .polyline(sense ? [Vec2(p0.x, p0.y), Vec2(p1.x, p1.y)] : [Vec2(p1.x, p1.y), Vec2(p0.x, p0.y)])
            }
            guard let basis = curve2(basisID, depth: depth + 1, &state) else { return nil }
            guard let t1 = trim(a[1], preferPoint: preferPoint, &state), let t2 = trim(a[2], preferPoint: preferPoint, &state) else {
                state.report(.warning, "curve.trim", "trimmed curve without usable trims; basis used", id)
                return basis
            }
            return .trimmed(basis: basis, start: t1, end: t2, senseAgreement: sense)
        case "IfcCircle":
            let a = attrs(id, "Position", "Radius")
            guard let r = a[1]?.asDouble, r > 0, r.isFinite else { return nil }
            return .circle(position: placement2(a[0]?.asReference, &state), radius: r * scale)
        case "IfcEllipse":
            let a = attrs(id, "Position", "SemiAxis1", "SemiAxis2")
            guard let r1 = a[1]?.asDouble, let r2 = a[2]?.asDouble, r1 > 0, r2 > 0 else { return nil }
            return .ellipse(position: placement2(a[0]?.asReference, &state), semiAxis1: r1 * scale, semiAxis2: r2 * scale)
        default:
            state.report(.warning, "curve.unsupported", "\(type(id)) is not supported as a profile curve", id)
            return nil
        }
    }

    /// Trim select: a parameter (angle in file units → radians) or a point.
    func trim(_ v: STEPValue?, preferPoint: Bool, _ state: inout IFCMapState) -> Curve2D.CurveTrim? {
        guard let list = v?.asList else { return nil }
        var param: Double?
        var point: Vec2?
        for item in list {
            if let r = item.asReference { point = point2(r, &state) } else if let d = item.asDouble { param = d }
        }
        if preferPoint, let point { return .point(point) }
        if let param { return .parameter(param * angleScale) }
        return point.map { .point($0) }
    }

    /// Point on an IfcLine at a trim (parameter along the direction vector, or the trim point itself).
    func linePoint(_ line: STEPInstanceID, _ trim: STEPValue?, _ state: inout IFCMapState) -> Vec3? {
        guard let list = trim?.asList else { return nil }
        for item in list { if let r = item.asReference, let p = point3(r, &state) { return p } }
        let a = attrs(line, "Pnt", "Dir")
        guard let origin = point3(a[0]?.asReference, &state), let vec = a[1]?.asReference else { return nil }
        let v = attrs(vec, "Orientation", "Magnitude")
        guard let dir = direction3(v[0]?.asReference)?.normalized else { return nil }
        let magnitude = (v[1]?.asDouble ?? 1) * scale
        for item in list { if let t = item.asDouble { return origin + dir * (t * magnitude) } }
        return nil
    }

    /// A directrix as a polyline in metres (3D curves directly, 2D curves lifted to z = 0).
    func curve3(_ id: STEPInstanceID, depth: Int, _ state: inout IFCMapState) -> [Vec3]? {
        guard enter(id, depth: depth, &state) else { return nil }
        defer { leave(id, &state) }
        switch type(id) {
        case "IfcPolyline":
            let pts = model.references(id, "Points").compactMap { point3($0, &state) }
            return pts.count >= 2 ? pts : nil
        case "IfcIndexedPolyCurve":
            let a = attrs(id, "Points", "Segments")
            let pts = pointList(a[0]?.asReference)
            guard pts.count >= 2 else { return nil }
            guard let segs = a[1]?.asList, !segs.isEmpty else { return pts }
            var out: [Vec3] = []
            func at(_ i: Int) -> Vec3? { i >= 1 && i <= pts.count && pts[i - 1].isFinite ? pts[i - 1] : nil }
            for s in segs {
                guard let (arc, idx) = indexList(s) else { continue }
                if arc, idx.count == 3, let p1 = at(idx[0]), let p2 = at(idx[1]), let p3 = at(idx[2]) {
                    append(&out, arc3(p1, p2, p3))
                } else {
                    append(&out, idx.compactMap(at))
                }
            }
            return out.count >= 2 ? out : nil
        case "IfcCompositeCurve", "IfcCompositeCurveOnSurface":
            var out: [Vec3] = []
            for s in model.references(id, "Segments") {
                let a = attrs(s, "SameSense", "ParentCurve")
                guard let parent = a[1]?.asReference, var pts = curve3(parent, depth: depth + 1, &state) else { continue }
                if a[0]?.asBool == false { pts.reverse() }
                append(&out, pts)
            }
            return out.count >= 2 ? out : nil
        case "IfcTrimmedCurve":
            let a = attrs(id, "BasisCurve", "Trim1", "Trim2", "SenseAgreement", "MasterRepresentation")
            guard let basisID = a[0]?.asReference else { return nil }
            let sense = a[3]?.asBool ?? true
            if type(basisID) == "IfcLine" {
                guard let p0 = linePoint(basisID, a[1], &state), let p1 = linePoint(basisID, a[2], &state) else { return nil }
                return sense ? [p0, p1] : [p1, p0]
            }
            if type(basisID) == "IfcCircle" {
                let c = attrs(basisID, "Position", "Radius")
                guard let r0 = c[1]?.asDouble, r0 > 0 else { return nil }
                let frame = placement3(c[0]?.asReference, &state)
                let r = r0 * scale
                let preferPoint = a[4]?.asEnumeration == "CARTESIAN"
                func angle(_ v: STEPValue?) -> Double? {
                    switch trim(v, preferPoint: preferPoint, &state) {
                    case .parameter(let t): return t
                    case .point(let p):
                        guard let inv = frame.inverse else { return nil }
                        var q = Vec3(p.x, p.y, 0)
                        if let list = v?.asList { for item in list { if let ref = item.asReference, let p3 = point3(ref, &state) { q = p3 } } }
                        let l = inv.apply(q)
                        return atan2(l.y, l.x)
                    case nil: return nil
                    }
                }
                guard var t1 = angle(a[1]), var t2 = angle(a[2]) else { return nil }
                if !sense { swap(&t1, &t2) }
                var sweep = t2 - t1
                while sweep <= 0 { sweep += 2 * Double.pi }
                if sweep > 2 * Double.pi { sweep = 2 * Double.pi }
                let n = settings.segments(radius: r, angle: sweep)
                var pts: [Vec3] = []
                for u in Self.arcSteps(n) {
                    let t = t1 + sweep * u
                    pts.append(frame.apply(Vec3(r * cos(t), r * sin(t), 0)))
                }
                return sense ? pts : pts.reversed()
            }
            fallthrough
        default:
            guard let c = curve2(id, depth: depth + 1, &state) else { return nil }
            let pts = c.discretize(settings, diagnostics: &state.diagnostics)
            return pts.count >= 2 ? pts.map { Vec3($0.x, $0.y, 0) } : nil
        }
    }

    func append(_ out: inout [Vec3], _ pts: [Vec3]) {
        for p in pts {
            if let last = out.last, (last - p).length < 1e-9 { continue }
            out.append(p)
        }
    }

    /// Circular arc through three points, discretised by the chord tolerance.
    func arc3(_ p1: Vec3, _ p2: Vec3, _ p3: Vec3) -> [Vec3] {
        let a = p2 - p1, b = p3 - p1
        let n = a.cross(b)
        let nn = n.dot(n)
        guard nn > 1e-24 else { return [p1, p3] }
        let centre = p1 + (n.cross(a) * b.dot(b) + b.cross(n) * a.dot(a)) * (1 / (2 * nn))
        let r = (p1 - centre).length
        guard let u = (p1 - centre).normalized, let axis = n.normalized else { return [p1, p3] }
        let v = axis.cross(u)
        func ang(_ p: Vec3) -> Double {
            let d = p - centre
            var t = atan2(d.dot(v), d.dot(u))
            if t < 0 { t += 2 * Double.pi }
            return t
        }
        let sweep = ang(p3)
        let k = settings.segments(radius: r, angle: sweep)
        var pts: [Vec3] = []
        for s in Self.arcSteps(k) {
            let t = sweep * s
            pts.append(s == 0 ? p1 : s == 1 ? p3 : centre + u * (r * cos(t)) + v * (r * sin(t)))
        }
        return pts
    }

    /// Fractions 0…1 of an arc in `n` chords plus a very short chord at each end: a swept disk orients
    /// its end rings by the first and last chord, and the short ones make those follow the true tangent
    /// (otherwise a 0.15 m duct tilts its end by half a chord angle, about a centimetre).
    static func arcSteps(_ n: Int) -> [Double] {
        let k = max(1, n)
        var out: [Double] = [0]
        let eps = 1e-3 / Double(k)
        out.append(eps)
        for i in 1..<k { out.append(Double(i) / Double(k)) }
        out.append(1 - eps)
        out.append(1)
        return out
    }
}
