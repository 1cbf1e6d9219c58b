import Testing
@testable import IFCGeometry

@Suite struct ProfileTests {
    typealias S = ProfileDefinition.ParametricShape

    func single(_ shape: S, position: Transform2D = .identity) -> Polygon2D {
        let p = TestSupport.polygons(.parametric(shape, position: position))
        #expect(p.count == 1)
        return p.first ?? Polygon2D(outer: [])
    }

    func check(_ shape: S, area: Double, rel: Double = 1e-9, min: Vec2, max: Vec2, tol: Double = 1e-9) {
        let p = single(shape)
        #expect(TestSupport.relNear(p.area, area, rel), "area \(p.area) vs \(area) for \(shape)")
        let b = p.bounds
        #expect(TestSupport.near(b.min.x, min.x, tol) && TestSupport.near(b.min.y, min.y, tol), "min \(b.min) for \(shape)")
        #expect(TestSupport.near(b.max.x, max.x, tol) && TestSupport.near(b.max.y, max.y, tol), "max \(b.max) for \(shape)")
        #expect(Polygon2D.signedArea(p.outer) > 0)
        for h in p.holes { #expect(Polygon2D.signedArea(h) < 0) }
        // Triangulation preserves the area.
        let r = PolygonTriangulator().triangulate(p)
        #expect(TestSupport.relNear(TestSupport.triangleArea(p, r.triangles), p.area, 1e-9))
    }

    @Test func rectangle() {
        check(.rectangle(xDim: 2, yDim: 1), area: 2, min: Vec2(-1, -0.5), max: Vec2(1, 0.5))
    }

    @Test func rectanglePlacedAndRotated() {
        let p = single(.rectangle(xDim: 2, yDim: 1), position: Transform2D(location: Vec2(3, 4), refDirection: Vec2(0, 1)))
        let b = p.bounds
        #expect(TestSupport.near(b.min.x, 2.5, 1e-12) && TestSupport.near(b.max.x, 3.5, 1e-12))
        #expect(TestSupport.near(b.min.y, 3, 1e-12) && TestSupport.near(b.max.y, 5, 1e-12))
    }

    @Test func roundedRectangle() {
        check(.roundedRectangle(xDim: 2, yDim: 1, roundingRadius: 0.2), area: 2 - (4 - Double.pi) * 0.04, rel: 5e-4,
              min: Vec2(-1, -0.5), max: Vec2(1, 0.5))
    }

    @Test func rectangleHollow() {
        check(.rectangleHollow(xDim: 0.2, yDim: 0.1, wallThickness: 0.01), area: 0.0056, min: Vec2(-0.1, -0.05), max: Vec2(0.1, 0.05))
    }

    @Test func circles() {
        check(.circle(radius: 1), area: Double.pi, rel: 0.01, min: Vec2(-1, -1), max: Vec2(1, 1), tol: 0.01)
        check(.circleHollow(radius: 1, wallThickness: 0.1), area: 0.19 * Double.pi, rel: 0.01, min: Vec2(-1, -1), max: Vec2(1, 1), tol: 0.01)
        check(.ellipse(semiAxis1: 2, semiAxis2: 1), area: 2 * Double.pi, rel: 0.01, min: Vec2(-2, -1), max: Vec2(2, 1), tol: 0.01)
    }

    @Test func iShape() {
        check(.iShape(overallWidth: 0.2, overallDepth: 0.3, webThickness: 0.01, flangeThickness: 0.015),
              area: 0.0087, min: Vec2(-0.1, -0.15), max: Vec2(0.1, 0.15))
        // Four concave fillets add r²(1 - π/4) each; chords of a concave arc add
        // a little more (3 segments per quarter at r = 1 cm), hence 0.2 %.
        let r = 0.01
        check(.iShape(overallWidth: 0.2, overallDepth: 0.3, webThickness: 0.01, flangeThickness: 0.015, filletRadius: r),
              area: 0.0087 + 4 * r * r * (1 - Double.pi / 4), rel: 2e-3, min: Vec2(-0.1, -0.15), max: Vec2(0.1, 0.15))
    }

    @Test func lShape() {
        check(.lShape(depth: 0.1, width: 0.08, thickness: 0.01), area: 0.0017, min: Vec2(-0.04, -0.05), max: Vec2(0.04, 0.05))
        check(.lShape(depth: 0.1, width: nil, thickness: 0.01), area: 0.0019, min: Vec2(-0.05, -0.05), max: Vec2(0.05, 0.05))
    }

    @Test func tShape() {
        check(.tShape(depth: 0.2, flangeWidth: 0.15, webThickness: 0.01, flangeThickness: 0.02),
              area: 0.0048, min: Vec2(-0.075, -0.1), max: Vec2(0.075, 0.1))
    }

    @Test func uShape() {
        check(.uShape(depth: 0.2, flangeWidth: 0.08, webThickness: 0.01, flangeThickness: 0.012),
              area: 0.00368, min: Vec2(-0.04, -0.1), max: Vec2(0.04, 0.1))
    }

    @Test func cShape() {
        check(.cShape(depth: 0.2, width: 0.08, wallThickness: 0.002, girth: 0.02),
              area: 0.000784, min: Vec2(-0.04, -0.1), max: Vec2(0.04, 0.1))
    }

    @Test func zShape() {
        check(.zShape(depth: 0.2, flangeWidth: 0.08, webThickness: 0.01, flangeThickness: 0.012),
              area: 0.00368, min: Vec2(-0.075, -0.1), max: Vec2(0.075, 0.1))
    }

    @Test func invalidParametersGiveDiagnostics() {
        var d: [GeometryDiagnostic] = []
        let bad: [S] = [.rectangle(xDim: 0, yDim: 1), .circle(radius: -1), .circleHollow(radius: 1, wallThickness: 2),
                        .iShape(overallWidth: 0.1, overallDepth: 0.1, webThickness: 0.2, flangeThickness: 0.01),
                        .rectangle(xDim: .nan, yDim: 1), .ellipse(semiAxis1: .infinity, semiAxis2: 1)]
        for s in bad {
            #expect(ProfileDefinition.parametric(s, position: .identity).polygons(diagnostics: &d).isEmpty)
        }
        #expect(d.count == bad.count)
    }

    @Test func arbitraryPolyline() {
        let p = TestSupport.polygons(.arbitraryClosed(.polyline([Vec2(0, 0), Vec2(0, 2), Vec2(1, 2), Vec2(1, 1), Vec2(2, 1), Vec2(2, 0), Vec2(0, 0)])))
        #expect(p.count == 1)
        #expect(TestSupport.near(p[0].area, 3, 1e-12))
        #expect(p[0].outer.count == 6)
        #expect(Polygon2D.signedArea(p[0].outer) > 0)
    }

    @Test func indexedPolyCurveWithArc() {
        let curve = Curve2D.indexedPolyCurve(points: [Vec2(1, 0), Vec2(0, 1), Vec2(-1, 0)],
                                             segments: [.arc(1, 2, 3), .line([3, 1])])
        let p = TestSupport.polygons(.arbitraryClosed(curve))
        #expect(TestSupport.relNear(p[0].area, Double.pi / 2, 0.01))
        let b = p[0].bounds
        #expect(TestSupport.near(b.min.y, 0, 1e-12) && TestSupport.near(b.max.y, 1, 1e-3))
    }

    @Test func compositeCurveWithTrimmedCircle() {
        let curve = Curve2D.composite([
            .init(.polyline([Vec2(-1, 0), Vec2(1, 0)])),
            .init(.trimmed(basis: .circle(position: .identity, radius: 1), start: .parameter(0), end: .parameter(Double.pi),
                           senseAgreement: true)),
        ])
        let p = TestSupport.polygons(.arbitraryClosed(curve))
        #expect(TestSupport.relNear(p[0].area, Double.pi / 2, 0.01))
        // Same half disk traversed clockwise through a reversed segment.
        let reversed = Curve2D.composite([
            .init(.trimmed(basis: .circle(position: .identity, radius: 1), start: .parameter(Double.pi), end: .parameter(0),
                           senseAgreement: false)),
            .init(.polyline([Vec2(-1, 0), Vec2(1, 0)]), sameSense: false),
        ])
        let q = TestSupport.polygons(.arbitraryClosed(reversed))
        #expect(TestSupport.relNear(q[0].area, Double.pi / 2, 0.01))
    }

    @Test func arbitraryWithVoids() {
        let outer = Curve2D.polyline([Vec2(0, 0), Vec2(4, 0), Vec2(4, 4), Vec2(0, 4)])
        let hole = Curve2D.polyline([Vec2(1, 1), Vec2(2, 1), Vec2(2, 2), Vec2(1, 2)])
        let p = TestSupport.polygons(.arbitraryWithVoids(outer: outer, inner: [hole]))
        #expect(TestSupport.near(p[0].area, 15, 1e-12))
        #expect(p[0].holes.count == 1)
    }

    @Test func derivedMirror() {
        let parent = ProfileDefinition.parametric(.lShape(depth: 0.1, width: 0.08, thickness: 0.01), position: .identity)
        let mirror = Transform2D(xAxis: Vec2(-1, 0), yAxis: Vec2(0, 1), translation: Vec2(1, 0))
        let p = TestSupport.polygons(.derived(parent: parent, transform: mirror))
        #expect(TestSupport.near(p[0].area, 0.0017, 1e-12))
        #expect(Polygon2D.signedArea(p[0].outer) > 0)
        let b = p[0].bounds
        #expect(TestSupport.near(b.min.x, 0.96, 1e-12) && TestSupport.near(b.max.x, 1.04, 1e-12))
    }

    @Test func arcSegmentsAdaptToRadius() {
        let s = TessellationSettings()
        #expect(s.segments(radius: 0.005, angle: 2 * .pi) == s.minCircleSegments)
        #expect(s.segments(radius: 1000, angle: 2 * .pi) == s.maxCircleSegments)
        let mid = s.segments(radius: 0.1, angle: 2 * .pi)
        #expect(mid > s.minCircleSegments && mid < s.maxCircleSegments)
        #expect(s.segments(radius: 1000, angle: .pi / 2) == s.maxCircleSegments / 4)
    }
}
