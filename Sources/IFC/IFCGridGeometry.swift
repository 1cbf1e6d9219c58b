import IFCSchema
import STEP

/// Virtual grid intersections (IfcVirtualGridIntersection) in the 2D frame of their IfcGrid, the
/// geometry behind IfcGridPlacement.
///
/// Why closed forms: grid axes are drawn as lines, polylines, circles and their trimmed or indexed
/// forms, and an offset keeps each piece the same kind (a line shifts sideways, a circle changes
/// radius), so every intersection is exact without sampling. Positive offsets lie to the left of the
/// axis (its curve sense, reversed when SameSense is false), as for IfcOffsetCurve2D.
struct IFCGridGeometry {
    struct Failure: Error, Equatable {
        let id: STEPInstanceID
        let message: String
        init(_ id: STEPInstanceID, _ message: String) {
            self.id = id
            self.message = message
        }
    }

    /// One piece of an axis in the axis' own sense.
    enum Piece: Equatable {
        /// From `a` towards `b`; a bounded segment, or the whole line through both.
        case line(a: SIMD2<Double>, b: SIMD2<Double>, bounded: Bool)
        /// A full circle (arc limits are not needed to intersect), counter-clockwise when `ccw`.
        case circle(centre: SIMD2<Double>, radius: Double, ccw: Bool)

        var reversed: Piece {
            switch self {
            case .line(let a, let b, let bounded): return .line(a: b, b: a, bounded: bounded)
            case .circle(let c, let r, let ccw): return .circle(centre: c, radius: r, ccw: !ccw)
            }
        }

        /// The piece moved `d` to its left.
        func offset(_ d: Double) -> Piece? {
            switch self {
            case .line(let a, let b, let bounded):
                let t = unit2(b - a)
                let n = SIMD2(-t.y, t.x) * d
                return .line(a: a + n, b: b + n, bounded: bounded)
            case .circle(let c, let r, let ccw):
                // Left of a counter-clockwise circle is its inside.
                let radius = ccw ? r - d : r + d
                return radius > 1e-12 ? .circle(centre: c, radius: radius, ccw: ccw) : nil
            }
        }

        func tangent(at p: SIMD2<Double>) -> SIMD2<Double> {
            switch self {
            case .line(let a, let b, _): return unit2(b - a)
            case .circle(let c, _, let ccw):
                let r = p - c
                let t = SIMD2(-r.y, r.x)
                return unit2(ccw ? t : -t)
            }
        }
    }

    /// A candidate intersection: the point, the piece of the first axis it lies on, how far it lies
    /// outside the bounded pieces (0 when on both) and, as a tie-break, how far it lies behind the
    /// reference point of an unbounded line (a radial IfcLine points away from its centre).
    private struct Hit {
        let point: SIMD2<Double>
        let first: Piece
        let outside: Double
        var behind: Double = 0

        func isBetter(than other: Hit) -> Bool {
            if outside < other.outside - 1e-9 { return true }
            if outside > other.outside + 1e-9 { return false }
            return behind < other.behind - 1e-9
        }
    }

    let model: IFCModel

    /// Point (x, y, and the optional third offset as z) of a virtual intersection in its grid's frame,
    /// with the tangent of its first axis there.
    func intersection(_ v: STEPInstanceID) -> Result<(point: SIMD3<Double>, tangent: SIMD2<Double>), Failure> {
        guard model.isA(v, "IfcVirtualGridIntersection") else {
            return .failure(Failure(v, "\(v) is not an IfcVirtualGridIntersection"))
        }
        let axes = (model[v, "IntersectingAxes"]?.asList ?? []).compactMap(\.asReference)
        guard axes.count == 2 else { return .failure(Failure(v, "\(v) does not name two grid axes")) }
        let offsets = (model[v, "OffsetDistances"]?.asList ?? []).map { $0.asDouble ?? 0 }
        var sides: [[Piece]] = []
        for (k, axis) in axes.enumerated() {
            let pieces: [Piece]
            switch self.pieces(ofAxis: axis) {
            case .success(let p): pieces = p
            case .failure(let f): return .failure(f)
            }
            let d = k < offsets.count ? offsets[k] : 0
            let moved = pieces.compactMap { $0.offset(d) }
            guard moved.count == pieces.count else {
                return .failure(Failure(axis, "offset \(d) collapses a circle of grid axis \(axis)"))
            }
            sides.append(moved)
        }
        // Pairwise intersection: bounded so a hostile pair of huge polylines cannot stall a report.
        guard sides[0].count * sides[1].count <= 1_000_000 else {
            return .failure(Failure(v, "grid axes \(axes[0]) and \(axes[1]) have too many pieces to intersect"))
        }
        var best: Hit?
        for p in sides[0] {
            for q in sides[1] {
                for hit in Self.intersect(p, q) where best.map(hit.isBetter) ?? true {
                    best = hit
                }
            }
        }
        guard let best else {
            return .failure(Failure(v, "grid axes \(axes[0]) and \(axes[1]) do not intersect"))
        }
        let z = offsets.count > 2 ? offsets[2] : 0
        return .success((SIMD3(best.point.x, best.point.y, z), best.first.tangent(at: best.point)))
    }

    /// The axis curve as pieces in the axis' sense (SameSense applied).
    func pieces(ofAxis axis: STEPInstanceID) -> Result<[Piece], Failure> {
        guard model.isA(axis, "IfcGridAxis") else { return .failure(Failure(axis, "\(axis) is not an IfcGridAxis")) }
        guard let curve = model.reference(axis, "AxisCurve") else {
            return .failure(Failure(axis, "grid axis \(axis) has no AxisCurve"))
        }
        switch pieces(ofCurve: curve) {
        case .success(let pieces):
            guard !pieces.isEmpty else { return .failure(Failure(curve, "axis curve \(curve) is empty")) }
            if model[axis, "SameSense"]?.asBool == false { return .success(pieces.reversed().map(\.reversed)) }
            return .success(pieces)
        case .failure(let f):
            return .failure(f)
        }
    }

    /// `depth` bounds trimmed-curve nesting, so a curve trimming itself cannot recurse forever.
    func pieces(ofCurve c: STEPInstanceID, depth: Int = 0) -> Result<[Piece], Failure> {
        guard depth < 8 else { return .failure(Failure(c, "curve \(c) nests trimmed curves too deeply")) }
        if model.isA(c, "IfcPolyline") {
            let points = (model[c, "Points"]?.asList ?? []).compactMap(\.asReference).compactMap(point)
            return .success(Self.polyline(points))
        }
        if model.isA(c, "IfcLine") {
            guard let a = model.reference(c, "Pnt").flatMap(point), let d = lineDirection(c) else {
                return .failure(Failure(c, "line \(c) has no point or direction"))
            }
            return .success([.line(a: a, b: a + d, bounded: false)])
        }
        if model.isA(c, "IfcCircle") {
            guard let r = model.double(c, "Radius"), r > 0, let position = model.reference(c, "Position") else {
                return .failure(Failure(c, "circle \(c) has no position or radius"))
            }
            let centre = model.reference(position, "Location").flatMap(point) ?? SIMD2(0, 0)
            // Seen from +Z the circle runs counter-clockwise unless its 3D placement's Axis points down.
            let axisZ = model.reference(position, "Axis").flatMap { model[$0, "DirectionRatios"]?.asList }
            let down = (axisZ?.count ?? 0) > 2 && (axisZ?[2].asDouble ?? 1) < 0
            return .success([.circle(centre: centre, radius: r, ccw: !down)])
        }
        if model.isA(c, "IfcTrimmedCurve") {
            return trimmed(c, depth: depth)
        }
        if model.isA(c, "IfcIndexedPolyCurve") {
            return indexed(c)
        }
        return .failure(Failure(c, "grid axis curve \(c) (\(model.typeName(of: c) ?? "?")) is not supported"))
    }

    private func trimmed(_ c: STEPInstanceID, depth: Int) -> Result<[Piece], Failure> {
        guard let basis = model.reference(c, "BasisCurve") else {
            return .failure(Failure(c, "trimmed curve \(c) has no BasisCurve"))
        }
        let sense = model[c, "SenseAgreement"]?.asBool ?? true
        if model.isA(basis, "IfcLine") {
            guard let a = model.reference(basis, "Pnt").flatMap(point), let d = lineDirection(basis) else {
                return .failure(Failure(basis, "line \(basis) has no point or direction"))
            }
            func end(_ name: String) -> SIMD2<Double>? {
                let trims = model[c, name]?.asList ?? []
                if let p = trims.compactMap(\.asReference).first.flatMap(point) { return p }
                if let t = trims.first(where: { $0.typeName == "IFCPARAMETERVALUE" })?.asDouble { return a + d * t }
                return nil
            }
            guard let p1 = end("Trim1"), let p2 = end("Trim2"), squaredLength2(p2 - p1) > 1e-24 else {
                return .success([.line(a: a, b: a + (sense ? d : -d), bounded: false)])
            }
            return .success([.line(a: p1, b: p2, bounded: true)])
        }
        switch pieces(ofCurve: basis, depth: depth + 1) {
        case .success(let pieces): return .success(sense ? pieces : pieces.reversed().map(\.reversed))
        case .failure(let f): return .failure(f)
        }
    }

    private func indexed(_ c: STEPInstanceID) -> Result<[Piece], Failure> {
        guard let list = model.reference(c, "Points"),
              let coords = model[list, "CoordList"]?.asList else {
            return .failure(Failure(c, "indexed curve \(c) has no points"))
        }
        let points: [SIMD2<Double>] = coords.compactMap { tuple in
            guard let v = tuple.asList?.compactMap(\.asDouble), v.count >= 2 else { return nil }
            return SIMD2(v[0], v[1])
        }
        guard points.count == coords.count else { return .failure(Failure(c, "indexed curve \(c) has malformed points")) }
        guard let segments = model[c, "Segments"]?.asList, !segments.isEmpty else {
            return .success(Self.polyline(points))
        }
        var pieces: [Piece] = []
        for segment in segments {
            guard case .typed(let kind, let inner) = segment, let indices = inner.first?.asList?.compactMap(\.asInt),
                  indices.allSatisfy({ $0 >= 1 && $0 <= points.count }) else {
                return .failure(Failure(c, "indexed curve \(c) has a malformed segment"))
            }
            let p = indices.map { points[$0 - 1] }
            if kind == "IFCARCINDEX", p.count == 3 {
                guard let circle = Self.circle(through: p[0], p[1], p[2]) else {
                    return .failure(Failure(c, "indexed curve \(c) has a degenerate arc"))
                }
                pieces.append(circle)
            } else {
                pieces.append(contentsOf: Self.polyline(p))
            }
        }
        return .success(pieces)
    }

    // MARK: Geometry

    private func point(_ p: STEPInstanceID) -> SIMD2<Double>? {
        guard let v = model[p, "Coordinates"]?.asList?.compactMap(\.asDouble), v.count >= 2 else { return nil }
        return SIMD2(v[0], v[1])
    }

    /// Direction × magnitude of an IfcLine's IfcVector (a zero magnitude keeps the unit direction).
    private func lineDirection(_ line: STEPInstanceID) -> SIMD2<Double>? {
        guard let vector = model.reference(line, "Dir"), let dir = model.reference(vector, "Orientation"),
              let v = model[dir, "DirectionRatios"]?.asList?.compactMap(\.asDouble), v.count >= 2 else { return nil }
        let d = SIMD2(v[0], v[1])
        guard squaredLength2(d) > 1e-24 else { return nil }
        let magnitude = model.double(vector, "Magnitude") ?? 1
        return unit2(d) * (magnitude > 0 ? magnitude : 1)
    }

    static func polyline(_ points: [SIMD2<Double>]) -> [Piece] {
        var pieces: [Piece] = []
        for k in points.indices.dropFirst() where squaredLength2(points[k] - points[k - 1]) > 1e-24 {
            pieces.append(.line(a: points[k - 1], b: points[k], bounded: true))
        }
        return pieces
    }

    /// The circle through three points, in the sense a → b → c.
    static func circle(through a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>) -> Piece? {
        let turn = cross2(b - a, c - a)
        guard abs(turn) > 1e-18 else { return nil }
        let a2 = squaredLength2(a), b2 = squaredLength2(b), c2 = squaredLength2(c)
        let d = 2 * (a.x * (b.y - c.y) + b.x * (c.y - a.y) + c.x * (a.y - b.y))
        let centre = SIMD2(
            (a2 * (b.y - c.y) + b2 * (c.y - a.y) + c2 * (a.y - b.y)) / d,
            (a2 * (c.x - b.x) + b2 * (a.x - c.x) + c2 * (b.x - a.x)) / d)
        return .circle(centre: centre, radius: squaredLength2(a - centre).squareRoot(), ccw: turn > 0)
    }

    /// Intersection candidates of two pieces, each with how far it lies outside bounded segments.
    private static func intersect(_ p: Piece, _ q: Piece) -> [Hit] {
        switch (p, q) {
        case (.line(let a1, let b1, let bounded1), .line(let a2, let b2, let bounded2)):
            let t1 = b1 - a1, t2 = b2 - a2
            let det = cross2(t1, t2)
            guard abs(det) > 1e-12 * (squaredLength2(t1) * squaredLength2(t2)).squareRoot() else { return [] }
            let s = cross2(a2 - a1, t2) / det
            let point = a1 + t1 * s
            return [Hit(point: point, first: p,
                        outside: outside(point, a1, b1, bounded1) + outside(point, a2, b2, bounded2),
                        behind: behind(point, a1, b1, bounded1) + behind(point, a2, b2, bounded2))]
        case (.line(let a, let b, let bounded), .circle(let c, let r, _)),
             (.circle(let c, let r, _), .line(let a, let b, let bounded)):
            return lineCircle(a, b, c, r).map {
                Hit(point: $0, first: p, outside: outside($0, a, b, bounded), behind: behind($0, a, b, bounded))
            }
        case (.circle(let c1, let r1, _), .circle(let c2, let r2, _)):
            let d = c2 - c1
            let dist = squaredLength2(d).squareRoot()
            guard dist > 1e-12, dist <= r1 + r2 + 1e-9, dist >= abs(r1 - r2) - 1e-9 else { return [] }
            let along = (r1 * r1 - r2 * r2 + dist * dist) / (2 * dist)
            let h = max(0, r1 * r1 - along * along).squareRoot()
            let u = d / dist
            let base = c1 + u * along
            let n = SIMD2(-u.y, u.x) * h
            return [Hit(point: base + n, first: p, outside: 0), Hit(point: base - n, first: p, outside: 0)]
        }
    }

    private static func lineCircle(
        _ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>, _ r: Double
    ) -> [SIMD2<Double>] {
        let t = unit2(b - a)
        let f = a - c
        let along = -(f * t).sum()
        let closest = a + t * along
        let h2 = r * r - squaredLength2(closest - c)
        guard h2 >= -1e-9 * r * r else { return [] }
        let h = max(0, h2).squareRoot()
        return h == 0 ? [closest] : [closest - t * h, closest + t * h]
    }

    /// Distance of `p` behind the reference point `a` of an unbounded line (0 for segments).
    private static func behind(_ p: SIMD2<Double>, _ a: SIMD2<Double>, _ b: SIMD2<Double>, _ bounded: Bool) -> Double {
        guard !bounded else { return 0 }
        return max(0, -((p - a) * unit2(b - a)).sum())
    }

    /// Distance of `p` beyond the ends of a bounded segment `a`–`b` (0 inside or for unbounded lines).
    private static func outside(_ p: SIMD2<Double>, _ a: SIMD2<Double>, _ b: SIMD2<Double>, _ bounded: Bool) -> Double {
        guard bounded else { return 0 }
        let t = b - a
        let len = squaredLength2(t).squareRoot()
        let s = ((p - a) * t).sum() / len
        if s < -1e-9 * max(1, len) { return -s }
        if s > len * (1 + 1e-9) { return s - len }
        return 0
    }
}

@inline(__always) func squaredLength2(_ v: SIMD2<Double>) -> Double { (v * v).sum() }
@inline(__always) func cross2(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double { a.x * b.y - a.y * b.x }
@inline(__always) func unit2(_ v: SIMD2<Double>) -> SIMD2<Double> {
    let l = squaredLength2(v).squareRoot()
    return l > 0 ? v / l : v
}
