import Foundation
import STEP

/// Evaluates IFC4X3 alignment curves (IfcCompositeCurve of IfcCurveSegment, IfcGradientCurve) at a distance
/// along, so IfcLinearPlacement can be resolved from its IfcPointByDistanceExpression instead of trusting the
/// writer's optional CartesianPosition cache.
///
/// Conventions follow IfcOpenShell 0.9: a segment's parent curve is evaluated at arc length
/// `SegmentStart + s` (a negative SegmentLength walks the parent backwards), then moved so that its start frame
/// lands on the segment Placement. Gradient-curve vertical segments live in (distance along, elevation) space
/// and are located by horizontal distance. Every search and iteration is bounded; bad input yields a message.
struct IFCAlignmentCurve {
    /// Position and unit frame on a curve: `x` tangent, `y` left normal, `z` = x × y.
    struct Frame: Equatable {
        var origin: SIMD3<Double>
        var x: SIMD3<Double>
        var y: SIMD3<Double>
        var z: SIMD3<Double>
    }

    /// 2D point with unit tangent, the state of planar segment evaluation.
    struct Planar: Equatable {
        var p: SIMD2<Double>
        var t: SIMD2<Double>
    }

    let model: IFCModel
    static let maxSegments = 100_000
    /// Distances this close past a segment end still belong to that segment (project units).
    static let joinTolerance = 1e-6

    /// Frame on a basis curve at `distance` (project units).
    func frame(_ curve: STEPInstanceID, at distance: Double) -> Result<Frame, IFCAlignmentError> {
        if model.isA(curve, "IfcGradientCurve") { return gradient(curve, at: distance) }
        if model.isA(curve, "IfcCompositeCurve") || model.isA(curve, "IfcCurveSegment") {
            return planarCurve(curve, at: distance).map { q in
                Frame(origin: SIMD3(q.p.x, q.p.y, 0), x: SIMD3(q.t.x, q.t.y, 0), y: SIMD3(-q.t.y, q.t.x, 0),
                      z: SIMD3(0, 0, 1))
            }
        }
        return .failure(.init(curve, "unsupported basis curve \(model.typeName(of: curve) ?? "?")"))
    }

    /// Horizontal evaluation: a composite curve (segments chained by accumulated |SegmentLength|) or one segment.
    func planarCurve(_ curve: STEPInstanceID, at distance: Double) -> Result<Planar, IFCAlignmentError> {
        guard model.isA(curve, "IfcCompositeCurve") else { return segment(curve, at: distance) }
        guard let list = model[curve, "Segments"]?.asList, !list.isEmpty, list.count <= Self.maxSegments else {
            return .failure(.init(curve, "composite curve without segments"))
        }
        let ids = list.compactMap(\.asReference)
        var start = 0.0
        for (k, id) in ids.enumerated() {
            guard case .success(let len) = segmentLength(id) else { return .failure(.init(id, "bad SegmentLength")) }
            let end = start + abs(len)
            // A distance within `joinTolerance` past a segment's end stays on it (as IfcOpenShell's span search
            // does), so trailing zero-length segments, whose placements are often rounded, are not preferred.
            // The last segment also takes distances past the end (extrapolation, as lines do naturally).
            if distance < end + Self.joinTolerance || k == ids.count - 1 { return segment(id, at: distance - start) }
            start = end
        }
        return .failure(.init(curve, "composite curve without segments"))
    }

    /// Signed SegmentLength in length units (IfcParameterValue converted by the parent curve's parametrisation).
    func segmentLength(_ seg: STEPInstanceID) -> Result<Double, IFCAlignmentError> {
        measure(seg, "SegmentLength")
    }

    func measure(_ seg: STEPInstanceID, _ name: String) -> Result<Double, IFCAlignmentError> {
        guard let v = model[seg, name], let d = v.asDouble, d.isFinite else {
            return .failure(.init(seg, "\(name) missing"))
        }
        guard v.typeName == "IFCPARAMETERVALUE", let parent = model.reference(seg, "ParentCurve") else {
            return .success(d)
        }
        if model.isA(parent, "IfcCircle"), let r = model.double(parent, "Radius") { return .success(d * r) }
        if model.isA(parent, "IfcClothoid"), let a = model.double(parent, "ClothoidConstant") {
            return .success(d * abs(a) * Double.pi.squareRoot())
        }
        if model.isA(parent, "IfcLine") {
            let magnitude = model.reference(parent, "Dir").flatMap { model.double($0, "Magnitude") } ?? 1
            return .success(d * magnitude)
        }
        return .failure(.init(seg, "IfcParameterValue on unsupported parent curve"))
    }

    /// IfcCurveSegment at local arc length `s` (0…|SegmentLength|), in the segment's placement space.
    func segment(_ seg: STEPInstanceID, at s: Double) -> Result<Planar, IFCAlignmentError> {
        guard model.isA(seg, "IfcCurveSegment") else { return .failure(.init(seg, "not an IfcCurveSegment")) }
        guard let parent = model.reference(seg, "ParentCurve") else { return .failure(.init(seg, "no ParentCurve")) }
        let start: Double, length: Double
        switch (measure(seg, "SegmentStart"), segmentLength(seg)) {
        case (.success(let a), .success(let b)): (start, length) = (a, b)
        case (.failure(let e), _), (_, .failure(let e)): return .failure(e)
        }
        let sense: Double = length < 0 ? -1 : 1
        let p0: Planar, p1: Planar
        switch (parentCurve(parent, at: start, sense: sense), parentCurve(parent, at: start + sense * s, sense: sense)) {
        case (.success(let a), .success(let b)): (p0, p1) = (a, b)
        case (.failure(let e), _), (_, .failure(let e)): return .failure(e)
        }
        guard let placement = model.reference(seg, "Placement"), let (o, dir) = placement2D(placement) else {
            return .failure(.init(seg, "segment without 2D placement"))
        }
        // Express the parent point in its start frame, then re-express it in the placement frame.
        let d = p1.p - p0.p
        let n0 = SIMD2(-p0.t.y, p0.t.x)
        let u = (d * p0.t).sum(), v = (d * n0).sum()
        let ut = (p1.t * p0.t).sum(), vt = (p1.t * n0).sum()
        let pn = SIMD2(-dir.y, dir.x)
        return .success(Planar(p: o + u * dir + v * pn, t: ut * dir + vt * pn))
    }

    /// Parent curve at arc length `t`; `sense` −1 reverses the tangent for segments that walk backwards.
    func parentCurve(_ c: STEPInstanceID, at t: Double, sense: Double) -> Result<Planar, IFCAlignmentError> {
        if model.isA(c, "IfcLine") {
            guard let pnt = model.reference(c, "Pnt"), let q = point2(pnt),
                  let vec = model.reference(c, "Dir"), let dref = model.reference(vec, "Orientation"),
                  let dir = direction2(dref) else { return .failure(.init(c, "malformed IfcLine")) }
            return .success(Planar(p: q + t * dir, t: sense * dir))
        }
        guard let pos = model.reference(c, "Position"), let (o, ax) = placement2D(pos) else {
            return .failure(.init(c, "parent curve without 2D Position"))
        }
        let ay = SIMD2(-ax.y, ax.x)
        if model.isA(c, "IfcCircle") {
            guard let r = model.double(c, "Radius"), r > 0, r.isFinite else {
                return .failure(.init(c, "IfcCircle without positive Radius"))
            }
            let a = t / r
            let p = o + r * (cos(a) * ax + sin(a) * ay)
            let tan = -sin(a) * ax + cos(a) * ay
            return .success(Planar(p: p, t: sense * tan))
        }
        if model.isA(c, "IfcClothoid") {
            guard let a = model.double(c, "ClothoidConstant"), a != 0, a.isFinite else {
                return .failure(.init(c, "IfcClothoid with zero ClothoidConstant"))
            }
            guard let local = Self.clothoid(constant: a, at: t) else {
                return .failure(.init(c, "clothoid evaluated too far from its inflection point"))
            }
            let p = o + local.p.x * ax + local.p.y * ay
            let tan = local.t.x * ax + local.t.y * ay
            return .success(Planar(p: p, t: sense * tan))
        }
        return .failure(.init(c, "unsupported parent curve \(model.typeName(of: c) ?? "?")"))
    }

    /// Clothoid through the origin along +x with heading θ(s) = sign(A)·s²/(2A²).
    /// Position is ∫cos θ, ∫sin θ, integrated by composite 8-point Gauss–Legendre with pieces short enough
    /// that the heading changes by at most 0.05 rad each (error far below 1e-9 m); nil beyond 4096 pieces.
    static func clothoid(constant a: Double, at s: Double) -> Planar? {
        let k = (a < 0 ? -1.0 : 1.0) / (2 * a * a)
        let theta = { (u: Double) in k * u * u }
        let sweep = abs(theta(s))
        let pieces = max(1, Int((sweep / 0.05).rounded(.up)), Int((abs(s) / 50).rounded(.up)))
        guard pieces <= 4_096 else { return nil }  // > 200 rad of turning: not an alignment, and a cost bound
        var x = 0.0, y = 0.0
        let h = s / Double(pieces)
        for i in 0..<pieces {
            let mid = (Double(i) + 0.5) * h
            for (node, weight) in gauss8 {
                let u = mid + 0.5 * h * node
                let th = theta(u)
                x += 0.5 * h * weight * cos(th)
                y += 0.5 * h * weight * sin(th)
            }
        }
        let th = theta(s)
        return Planar(p: SIMD2(x, y), t: SIMD2(cos(th), sin(th)))
    }

    static let gauss8: [(Double, Double)] = {
        let n: [Double] = [0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363]
        let w: [Double] = [0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763]
        return (0..<4).flatMap { [(-n[$0], w[$0]), (n[$0], w[$0])] }
    }()

    /// IfcGradientCurve: horizontal frame from BaseCurve, elevation from the vertical segment covering the
    /// distance. The tangent is tilted by the gradient; the lateral axis stays horizontal; z = x × y.
    func gradient(_ curve: STEPInstanceID, at u: Double) -> Result<Frame, IFCAlignmentError> {
        guard let base = model.reference(curve, "BaseCurve") else { return .failure(.init(curve, "no BaseCurve")) }
        let h: Planar
        switch planarCurve(base, at: u) {
        case .success(let q): h = q
        case .failure(let e): return .failure(e)
        }
        guard let list = model[curve, "Segments"]?.asList, !list.isEmpty, list.count <= Self.maxSegments else {
            return .failure(.init(curve, "gradient curve without segments"))
        }
        let ids = list.compactMap(\.asReference)
        // The first vertical segment whose horizontal end lies beyond u (within tolerance) holds it; before the
        // first or past the last, that segment extrapolates.
        var chosen: (STEPInstanceID, Double)?
        for (k, id) in ids.enumerated() {
            guard let placement = model.reference(id, "Placement"), let (o, _) = placement2D(placement) else {
                return .failure(.init(id, "vertical segment without 2D placement"))
            }
            guard case .success(let len) = segmentLength(id), case .success(let end) = segment(id, at: abs(len))
            else { return .failure(.init(id, "vertical segment cannot be evaluated")) }
            if u < end.p.x + Self.joinTolerance || k == ids.count - 1 {
                chosen = (id, o.x)
                break
            }
        }
        guard let (seg, u0) = chosen else { return .failure(.init(curve, "gradient curve without segments")) }
        // Find the arc length whose horizontal coordinate is u: Newton on x(s) − u, bounded.
        var s = u - u0
        var v: Planar?
        for _ in 0..<60 {
            guard case .success(let q) = segment(seg, at: s) else { return .failure(.init(seg, "vertical evaluation")) }
            v = q
            let f = q.p.x - u
            if abs(f) < 1e-11 || abs(q.t.x) < 1e-9 { break }
            s -= f / q.t.x
        }
        guard let q = v, q.t.x > 1e-9 else { return .failure(.init(seg, "vertical segment turns vertical")) }
        let slope = q.t.y / q.t.x
        let th = SIMD3(h.t.x, h.t.y, 0)
        let x = normalised(th + SIMD3(0, 0, slope))
        let y = SIMD3(-h.t.y, h.t.x, 0)
        return .success(Frame(origin: SIMD3(h.p.x, h.p.y, q.p.y), x: x, y: y, z: cross(x, y)))
    }

    /// IfcPointByDistanceExpression → frame moved by its offsets (longitudinal along x, lateral along y,
    /// vertical along z).
    func point(_ expression: STEPInstanceID) -> Result<Frame, IFCAlignmentError> {
        guard let d = model.double(expression, "DistanceAlong") else {
            return .failure(.init(expression, "DistanceAlong missing or not a length"))
        }
        guard let basis = model.reference(expression, "BasisCurve") else {
            return .failure(.init(expression, "BasisCurve missing"))
        }
        return frame(basis, at: d).map { f in
            var g = f
            g.origin += (model.double(expression, "OffsetLongitudinal") ?? 0) * f.x
            g.origin += (model.double(expression, "OffsetLateral") ?? 0) * f.y
            g.origin += (model.double(expression, "OffsetVertical") ?? 0) * f.z
            return g
        }
    }

    func placement2D(_ a: STEPInstanceID) -> (SIMD2<Double>, SIMD2<Double>)? {
        guard let loc = model.reference(a, "Location"), let o = point2(loc) else { return nil }
        let dir = model.reference(a, "RefDirection").flatMap(direction2) ?? SIMD2(1, 0)
        return (o, dir)
    }

    func point2(_ p: STEPInstanceID) -> SIMD2<Double>? {
        guard let c = model[p, "Coordinates"]?.asList else { return nil }
        let v = c.compactMap(\.asDouble)
        guard v.count >= 2, v[0].isFinite, v[1].isFinite else { return nil }
        return SIMD2(v[0], v[1])
    }

    func direction2(_ d: STEPInstanceID) -> SIMD2<Double>? {
        guard let r = model[d, "DirectionRatios"]?.asList else { return nil }
        let v = r.compactMap(\.asDouble)
        guard v.count >= 2 else { return nil }
        let l = (v[0] * v[0] + v[1] * v[1]).squareRoot()
        guard l > 1e-12, l.isFinite else { return nil }
        return SIMD2(v[0] / l, v[1] / l)
    }
}

/// Why an alignment curve could not be evaluated, with the instance at fault.
struct IFCAlignmentError: Error, Equatable {
    let id: STEPInstanceID
    let message: String
    init(_ id: STEPInstanceID, _ message: String) {
        self.id = id
        self.message = message
    }
}
