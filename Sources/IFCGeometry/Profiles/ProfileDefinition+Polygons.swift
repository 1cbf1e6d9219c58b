/// Profile → polygons with holes. Invalid parameters (non-positive or
/// non-finite sizes, walls thicker than the section) give a diagnostic and no polygon.
extension ProfileDefinition {
    public func polygons(_ settings: TessellationSettings = .init(), diagnostics: inout [GeometryDiagnostic],
                         depth: Int = 0) -> [Polygon2D] {
        guard depth < settings.maxNestingDepth else {
            diagnostics.append(.init(.error, "profile.depth", "derived/composite profile nesting too deep"))
            return []
        }
        switch self {
        case .parametric(let shape, let position):
            guard let poly = shape.polygon(settings, diagnostics: &diagnostics) else { return [] }
            return [poly.transformed(by: position).normalized()]
        case .arbitraryClosed(let curve):
            let ring = curve.discretize(settings, diagnostics: &diagnostics)
            guard ring.count >= 3 else {
                diagnostics.append(.init(.warning, "profile.degenerate", "arbitrary profile with fewer than 3 points"))
                return []
            }
            return [Polygon2D(outer: ring).normalized()]
        case .arbitraryWithVoids(let outerCurve, let inner):
            let ring = outerCurve.discretize(settings, diagnostics: &diagnostics)
            guard ring.count >= 3 else {
                diagnostics.append(.init(.warning, "profile.degenerate", "arbitrary profile with fewer than 3 points"))
                return []
            }
            let holes = inner.map { $0.discretize(settings, diagnostics: &diagnostics) }.filter { $0.count >= 3 }
            return [Polygon2D(outer: ring, holes: holes).normalized()]
        case .derived(let parent, let transform):
            return parent.polygons(settings, diagnostics: &diagnostics, depth: depth + 1).map { $0.transformed(by: transform) }
        case .composite(let parts):
            return parts.flatMap { $0.polygons(settings, diagnostics: &diagnostics, depth: depth + 1) }
        }
    }
}

extension ProfileDefinition.ParametricShape {
    func polygon(_ settings: TessellationSettings, diagnostics: inout [GeometryDiagnostic]) -> Polygon2D? {
        func bad(_ why: String) -> Polygon2D? {
            diagnostics.append(.init(.warning, "profile.parameters", why))
            return nil
        }
        func ok(_ values: Double...) -> Bool { values.allSatisfy { $0.isFinite && $0 > 0 } }
        func r(_ v: Double?) -> Double { (v ?? 0).isFinite ? max(0, v ?? 0) : 0 }
        switch self {
        case .rectangle(let x, let y):
            guard ok(x, y) else { return bad("rectangle needs positive dimensions") }
            return Polygon2D(outer: CornerRounding.rectangle(x, y, radius: 0, settings))
        case .roundedRectangle(let x, let y, let rr):
            guard ok(x, y) else { return bad("rounded rectangle needs positive dimensions") }
            return Polygon2D(outer: CornerRounding.rectangle(x, y, radius: r(rr), settings))
        case .rectangleHollow(let x, let y, let t, let ri, let ro):
            guard ok(x, y, t), 2 * t < min(x, y) else { return bad("hollow rectangle wall too thick or invalid") }
            let outer = CornerRounding.rectangle(x, y, radius: r(ro), settings)
            let inner = CornerRounding.rectangle(x - 2 * t, y - 2 * t, radius: r(ri), settings)
            return Polygon2D(outer: outer, holes: [inner]).normalized()
        case .circle(let radius):
            guard ok(radius) else { return bad("circle needs a positive radius") }
            return Polygon2D(outer: CornerRounding.circle(radius, settings))
        case .circleHollow(let radius, let t):
            guard ok(radius, t), t < radius else { return bad("hollow circle wall too thick or invalid") }
            return Polygon2D(outer: CornerRounding.circle(radius, settings),
                             holes: [CornerRounding.circle(radius - t, settings)]).normalized()
        case .ellipse(let a, let b):
            guard ok(a, b) else { return bad("ellipse needs positive semi axes") }
            let n = max(8, settings.segments(radius: max(a, b), angle: 2 * .pi))
            return Polygon2D(outer: (0..<n).map {
                let t = 2 * Double.pi * Double($0) / Double(n)
                return Vec2(a * _cos(t), b * _sin(t))
            })
        case .iShape(let b, let h, let tw, let tf, let fr):
            guard ok(b, h, tw, tf), tw < b, 2 * tf < h else { return bad("I shape parameters inconsistent") }
            let x = b / 2, y = h / 2, w = tw / 2, f = r(fr)
            return CornerRounding.polygon([
                (Vec2(-x, -y), 0), (Vec2(x, -y), 0), (Vec2(x, -y + tf), 0), (Vec2(w, -y + tf), f),
                (Vec2(w, y - tf), f), (Vec2(x, y - tf), 0), (Vec2(x, y), 0), (Vec2(-x, y), 0),
                (Vec2(-x, y - tf), 0), (Vec2(-w, y - tf), f), (Vec2(-w, -y + tf), f), (Vec2(-x, -y + tf), 0),
            ], settings)
        case .lShape(let d, let wOpt, let t, let fr, let er):
            let w = wOpt ?? d
            guard ok(d, w, t), t < d, t < w else { return bad("L shape parameters inconsistent") }
            let x = w / 2, y = d / 2, e = r(er)
            return CornerRounding.polygon([
                (Vec2(-x, -y), 0), (Vec2(x, -y), 0), (Vec2(x, -y + t), e), (Vec2(-x + t, -y + t), r(fr)),
                (Vec2(-x + t, y), e), (Vec2(-x, y), 0),
            ], settings)
        case .tShape(let d, let b, let tw, let tf, let fr):
            guard ok(d, b, tw, tf), tw < b, tf < d else { return bad("T shape parameters inconsistent") }
            let x = b / 2, y = d / 2, w = tw / 2, f = r(fr)
            return CornerRounding.polygon([
                (Vec2(-w, -y), 0), (Vec2(w, -y), 0), (Vec2(w, y - tf), f), (Vec2(x, y - tf), 0),
                (Vec2(x, y), 0), (Vec2(-x, y), 0), (Vec2(-x, y - tf), 0), (Vec2(-w, y - tf), f),
            ], settings)
        case .uShape(let d, let b, let tw, let tf, let fr, let er):
            guard ok(d, b, tw, tf), tw < b, 2 * tf < d else { return bad("U shape parameters inconsistent") }
            let x = b / 2, y = d / 2, f = r(fr), e = r(er)
            return CornerRounding.polygon([
                (Vec2(-x, -y), 0), (Vec2(x, -y), 0), (Vec2(x, -y + tf), e), (Vec2(-x + tw, -y + tf), f),
                (Vec2(-x + tw, y - tf), f), (Vec2(x, y - tf), e), (Vec2(x, y), 0), (Vec2(-x, y), 0),
            ], settings)
        case .cShape(let d, let w, let t, let g, let fr):
            guard ok(d, w, t, g), 2 * t < min(d, w), g < d / 2, g > t else { return bad("C shape parameters inconsistent") }
            let x = w / 2, y = d / 2, ri = r(fr), ro = ri > 0 ? ri + t : 0
            return CornerRounding.polygon([
                (Vec2(-x, -y), ro), (Vec2(x, -y), ro), (Vec2(x, -y + g), 0), (Vec2(x - t, -y + g), 0),
                (Vec2(x - t, -y + t), ri), (Vec2(-x + t, -y + t), ri), (Vec2(-x + t, y - t), ri), (Vec2(x - t, y - t), ri),
                (Vec2(x - t, y - g), 0), (Vec2(x, y - g), 0), (Vec2(x, y), ro), (Vec2(-x, y), ro),
            ], settings)
        case .zShape(let d, let b, let tw, let tf, let fr, let er):
            guard ok(d, b, tw, tf), tw < b, 2 * tf < d else { return bad("Z shape parameters inconsistent") }
            let y = d / 2, w = tw / 2, f = r(fr), e = r(er)
            return CornerRounding.polygon([
                (Vec2(-b + w, -y), 0), (Vec2(w, -y), 0), (Vec2(w, y - tf), f), (Vec2(b - w, y - tf), e),
                (Vec2(b - w, y), 0), (Vec2(-w, y), 0), (Vec2(-w, -y + tf), f), (Vec2(-b + w, -y + tf), e),
            ], settings)
        }
    }
}
