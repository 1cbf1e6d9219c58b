/// Turning curves into point lists with arc segment counts from the settings.
extension Curve2D {
    /// Points along the curve (closed curves do not repeat the first point).
    public func discretize(_ settings: TessellationSettings, diagnostics: inout [GeometryDiagnostic], depth: Int = 0) -> [Vec2] {
        guard depth < settings.maxNestingDepth else {
            diagnostics.append(.init(.error, "curve.depth", "curve nesting too deep"))
            return []
        }
        switch self {
        case .polyline(let pts):
            return Curve2D.dedupe(pts)
        case .indexedPolyCurve(let pts, let segments):
            guard let segments else { return Curve2D.dedupe(pts) }
            var out: [Vec2] = []
            func at(_ i: Int) -> Vec2? {
                guard i >= 1, i <= pts.count else {
                    diagnostics.append(.init(.warning, "curve.index", "indexed poly curve index \(i) out of range"))
                    return nil
                }
                return pts[i - 1]
            }
            for s in segments {
                switch s {
                case .line(let idx):
                    for i in idx { if let p = at(i) { Curve2D.appendUnique(&out, p) } }
                case .arc(let a, let b, let c):
                    guard let p1 = at(a), let p2 = at(b), let p3 = at(c) else { continue }
                    for p in Curve2D.threePointArc(p1, p2, p3, settings) { Curve2D.appendUnique(&out, p) }
                }
            }
            return Curve2D.closeOpen(out)
        case .line(let o, let d):
            return [o, o + d]
        case .circle(let pos, let r):
            guard r > 0, r.isFinite else {
                diagnostics.append(.init(.warning, "curve.radius", "circle with invalid radius \(r)"))
                return []
            }
            let n = max(3, settings.segments(radius: r, angle: 2 * .pi))
            return (0..<n).map { pos.apply(Vec2(r * _cos(2 * .pi * Double($0) / Double(n)), r * _sin(2 * .pi * Double($0) / Double(n)))) }
        case .ellipse(let pos, let a, let b):
            guard a > 0, b > 0, a.isFinite, b.isFinite else {
                diagnostics.append(.init(.warning, "curve.radius", "ellipse with invalid semi axes"))
                return []
            }
            let n = max(3, settings.segments(radius: max(a, b), angle: 2 * .pi))
            return (0..<n).map { pos.apply(Vec2(a * _cos(2 * .pi * Double($0) / Double(n)), b * _sin(2 * .pi * Double($0) / Double(n)))) }
        case .trimmed(let basis, let start, let end, let sense):
            return Curve2D.trim(basis, start, end, sense, settings, &diagnostics, depth)
        case .composite(let segments):
            var out: [Vec2] = []
            for s in segments {
                var pts = s.curve.discretize(settings, diagnostics: &diagnostics, depth: depth + 1)
                if case .circle = s.curve { pts.append(pts.first ?? .zero) }
                if !s.sameSense { pts.reverse() }
                for p in pts { Curve2D.appendUnique(&out, p) }
            }
            return Curve2D.closeOpen(out)
        }
    }

    static func appendUnique(_ out: inout [Vec2], _ p: Vec2) {
        if let l = out.last, (l - p).length <= 1e-9 { return }
        out.append(p)
    }

    static func dedupe(_ pts: [Vec2]) -> [Vec2] {
        var out: [Vec2] = []
        out.reserveCapacity(pts.count)
        for p in pts { appendUnique(&out, p) }
        return closeOpen(out)
    }

    /// Drops a repeated closing point.
    static func closeOpen(_ pts: [Vec2]) -> [Vec2] {
        var out = pts
        if out.count > 1, let f = out.first, let l = out.last, (f - l).length <= 1e-9 { out.removeLast() }
        return out
    }

    /// Arc through three points (collinear points give a straight segment).
    static func threePointArc(_ p1: Vec2, _ p2: Vec2, _ p3: Vec2, _ settings: TessellationSettings) -> [Vec2] {
        let d = 2 * (p1.x * (p2.y - p3.y) + p2.x * (p3.y - p1.y) + p3.x * (p1.y - p2.y))
        let scale = max((p2 - p1).length, (p3 - p1).length)
        guard abs(d) > 1e-12 * scale * scale, scale > 0 else { return [p1, p3] }
        let s1 = p1.dot(p1), s2 = p2.dot(p2), s3 = p3.dot(p3)
        let c = Vec2((s1 * (p2.y - p3.y) + s2 * (p3.y - p1.y) + s3 * (p1.y - p2.y)) / d,
                     (s1 * (p3.x - p2.x) + s2 * (p1.x - p3.x) + s3 * (p2.x - p1.x)) / d)
        let r = (p1 - c).length
        let twoPi = 2 * Double.pi
        func ang(_ p: Vec2) -> Double { _atan2(p.y - c.y, p.x - c.x) }
        func mod(_ a: Double) -> Double { let m = a.truncatingRemainder(dividingBy: twoPi); return m < 0 ? m + twoPi : m }
        let a1 = ang(p1), a2 = ang(p2), a3 = ang(p3)
        var sweep = mod(a3 - a1)
        if mod(a2 - a1) > sweep { sweep -= twoPi }
        let n = max(2, settings.segments(radius: r, angle: sweep))
        var out = [p1]
        for k in 1..<n {
            let t = a1 + sweep * Double(k) / Double(n)
            out.append(Vec2(c.x + r * _cos(t), c.y + r * _sin(t)))
        }
        out.append(p3)
        return out
    }

    static func trim(_ basis: Curve2D, _ start: CurveTrim, _ end: CurveTrim, _ sense: Bool,
                     _ settings: TessellationSettings, _ diagnostics: inout [GeometryDiagnostic], _ depth: Int) -> [Vec2] {
        switch basis {
        case .circle(let pos, let r), .ellipse(let pos, let r, _):
            var rb = r
            if case .ellipse(_, _, let b) = basis { rb = b }
            guard r > 0, rb > 0, r.isFinite, rb.isFinite else {
                diagnostics.append(.init(.warning, "curve.radius", "trimmed conic with invalid radius"))
                return []
            }
            func angle(_ t: CurveTrim) -> Double {
                switch t {
                case .parameter(let a): return a
                case .point(let p):
                    // Local frame angle (scaled for ellipses).
                    let d = p - pos.translation
                    return _atan2(d.dot(pos.yAxis) / rb, d.dot(pos.xAxis) / r)
                }
            }
            let twoPi = 2 * Double.pi
            let t1 = angle(start), t2 = angle(end)
            guard t1.isFinite, t2.isFinite else { return [] }
            var sweep: Double
            if sense {
                sweep = (t2 - t1).truncatingRemainder(dividingBy: twoPi)
                if sweep <= 1e-12 { sweep += twoPi }
            } else {
                sweep = (t1 - t2).truncatingRemainder(dividingBy: twoPi)
                if sweep <= 1e-12 { sweep += twoPi }
                sweep = -sweep
            }
            let n = max(1, settings.segments(radius: max(r, rb), angle: sweep))
            return (0...n).map { k in
                let t = t1 + sweep * Double(k) / Double(n)
                return pos.apply(Vec2(r * _cos(t), rb * _sin(t)))
            }
        case .line(let o, let d):
            func point(_ t: CurveTrim) -> Vec2 {
                switch t {
                case .parameter(let u): return o + d * u
                case .point(let p): return p
                }
            }
            return sense ? [point(start), point(end)] : [point(start), point(end)]
        default:
            // Polylines and nested curves: trimming by parameter is rare; keep the whole curve.
            diagnostics.append(.init(.warning, "curve.trim", "trimming of this basis curve not supported; using whole curve"))
            return basis.discretize(settings, diagnostics: &diagnostics, depth: depth + 1)
        }
    }
}
