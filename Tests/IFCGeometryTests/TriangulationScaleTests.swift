import Foundation
import Testing
@testable import IFCGeometry

/// Huge and hostile polygons: validity (area, orientation, coverage) for real
/// shapes, termination plus a diagnostic for broken ones. Time limits here are
/// "does not hang" bounds for a debug build on a loaded machine, not speed
/// targets; speed is measured by tools/bench-triangulation.
@Suite struct TriangulationScaleTests {
    let tri = PolygonTriangulator()

    func expectValid(_ poly: Polygon2D, samples: Int = 200, allVerticesKept: Bool = true,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        let r = tri.triangulate(poly)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)", sourceLocation: sourceLocation)
        let report = TriangulationCheck(poly).check(r.triangles, samples: samples)
        #expect(report.isValid, "\(report.problems)", sourceLocation: sourceLocation)
        if allVerticesKept {
            // A simple polygon with n vertices and h holes: n + 2h - 2 triangles when no vertex is lost.
            let n = poly.outer.count + poly.holes.reduce(0) { $0 + $1.count }
            #expect(report.triangleCount == n + 2 * poly.holes.count - 2, sourceLocation: sourceLocation)
        }
    }

    @Test(.timeLimit(.minutes(3))) func star20kWith50Holes() {
        expectValid(BigPolygons.star(20_000, holes: 50))
    }

    @Test(.timeLimit(.minutes(5))) func star100kWith100Holes() {
        expectValid(BigPolygons.star(100_000, holes: 100), samples: 60)
    }

    @Test(.timeLimit(.minutes(3))) func terrain20kWith50RoundHolesFarFromOrigin() {
        expectValid(BigPolygons.terrain(20_000, holes: 50))
    }

    @Test(.timeLimit(.minutes(5))) func terrain100kWith400RoundHoles() {
        expectValid(BigPolygons.terrain(100_000, holes: 400, holeSides: 12), samples: 60)
    }

    @Test(.timeLimit(.minutes(3))) func deepComb() {
        expectValid(BigPolygons.comb(teeth: 4_000))
    }

    @Test(.timeLimit(.minutes(3))) func longCollinearRunsKeepEveryVertex() {
        // 20 000 outer vertices, most of them collinear, and 100 holes with collinear points.
        expectValid(BigPolygons.straightRuns(perSide: 5_000, holes: 100))
    }

    @Test(.timeLimit(.minutes(3))) func outputIsDeterministic() {
        let poly = BigPolygons.terrain(20_000, holes: 50)
        #expect(tri.triangulate(poly).triangles == tri.triangulate(poly).triangles)
        let broken = Polygon2D(outer: Self.randomRing(5_000, seed: 3))
        #expect(tri.triangulate(broken).triangles == tri.triangulate(broken).triangles)
    }

    @Test func holesOutsideOrInsideHolesAreDroppedWithADiagnostic() {
        let outer = [Vec2(0, 0), Vec2(10, 0), Vec2(10, 10), Vec2(0, 10)]
        let hole = [Vec2(2, 2), Vec2(2, 8), Vec2(8, 8), Vec2(8, 2)]
        let inHole = [Vec2(4, 4), Vec2(4, 5), Vec2(5, 5), Vec2(5, 4)]
        let outside = [Vec2(20, 20), Vec2(20, 21), Vec2(21, 21)]
        let poly = Polygon2D(outer: outer, holes: [hole, inHole, outside])
        let r = tri.triangulate(poly)
        #expect(r.diagnostics.contains { $0.code == "triangulation.bridge" })
        #expect(TestSupport.near(TestSupport.triangleArea(poly, r.triangles), 64, 1e-9))
    }

    @Test func holeTouchingTheOuterRing() {
        let outer = [Vec2(0, 0), Vec2(10, 0), Vec2(10, 10), Vec2(0, 10)]
        let hole = [Vec2(0, 4), Vec2(4, 6), Vec2(4, 4)]  // left-most point on the outer ring
        let poly = Polygon2D(outer: outer, holes: [hole]).normalized()
        let r = tri.triangulate(poly)
        #expect(TestSupport.near(TestSupport.triangleArea(poly, r.triangles), 96, 1e-9))
    }

    @Test func holesSharingTheLeftmostColumn() {
        // Bridges that line up on one ray, and holes whose left-most x is equal.
        let outer = [Vec2(0, 0), Vec2(30, 0), Vec2(30, 10), Vec2(0, 10)]
        var holes: [[Vec2]] = []
        for k in 0..<5 { let x = 2 + Double(k) * 5; holes.append([Vec2(x, 4), Vec2(x, 6), Vec2(x + 2, 6), Vec2(x + 2, 4)]) }
        for k in 0..<3 { let y = 1 + Double(k) * 0.001; holes.append([Vec2(2, y), Vec2(2.0005, y), Vec2(2.0005, y - 0.0005)].reversed()) }
        let poly = Polygon2D(outer: outer, holes: holes).normalized()
        let r = tri.triangulate(poly)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let report = TriangulationCheck(poly).check(r.triangles, samples: 500)
        #expect(report.isValid, "\(report.problems)")
    }

    @Test func alignedHoleGridThroughTheBridgeIndex() {
        // Enough nodes and holes for the grid path; every hole's left-most point sits on
        // the same horizontal line as other holes' corners, so rays run through vertices
        // and along earlier bridges.
        let outer = (0..<400).map { i -> Vec2 in
            let t = 2 * Double.pi * Double(i) / 400
            return Vec2(100 * cos(t), 100 * sin(t))
        }
        var holes: [[Vec2]] = []
        for row in 0..<10 {
            for col in 0..<10 {
                let x = Double(col) * 10 - 50, y = Double(row) * 10 - 50
                if (row + col) % 3 == 0 {
                    holes.append([Vec2(x, y), Vec2(x + 4, y + 3), Vec2(x + 4, y - 3)])  // left-most corner on the row line
                } else {
                    holes.append([Vec2(x, y), Vec2(x, y + 4), Vec2(x + 4, y + 4), Vec2(x + 4, y)])
                }
            }
        }
        expectValid(Polygon2D(outer: outer, holes: holes).normalized(), samples: 2_000)
    }

    // MARK: Hostile input: terminates, indices valid, diagnostic when output is approximate

    static func randomRing(_ n: Int, seed: UInt64) -> [Vec2] {
        var rng = SplitMix(seed: seed)
        return (0..<n).map { _ in Vec2(Double(rng.next() % 100_000) / 100, Double(rng.next() % 100_000) / 100) }
    }

    @Test(.timeLimit(.minutes(3))) func randomSelfIntersectingRingsTerminate() {
        for (n, seed) in [(20_000, UInt64(1)), (3_000, 2), (50, 3)] {
            let ring = Self.randomRing(n, seed: seed)
            let r = tri.triangulate(Polygon2D(outer: ring))
            #expect(r.triangles.count % 3 == 0)
            #expect(r.triangles.allSatisfy { Int($0) < n })
            #expect(r.diagnostics.contains { $0.code == "triangulation.degraded" })
        }
    }

    @Test(.timeLimit(.minutes(3))) func hostileMixTerminates() {
        let star = BigPolygons.star(20_000, holes: 0).outer
        var nanHole = star.prefix(50).map { $0 * 0.1 }
        nanHole[7] = Vec2(.nan, 0)
        let cases: [Polygon2D] = [
            // Every point duplicated, and the ring repeated twice over.
            Polygon2D(outer: star.flatMap { [$0, $0] }),
            Polygon2D(outer: star + star),
            // Holes equal to the outer ring, overlapping each other, or with NaN.
            Polygon2D(outer: star, holes: [star.reversed(), nanHole]),
            Polygon2D(outer: star, holes: (0..<200).map { k in
                let x = Double(k % 20) - 10, y = Double(k / 20) - 5
                return [Vec2(x, y), Vec2(x, y + 3), Vec2(x + 3, y + 3), Vec2(x + 3, y)]
            }),
            // Holes whose extent overflows a Double, next to ordinary ones.
            Polygon2D(outer: star, holes: [
                [Vec2(-1.7e308, 0), Vec2(1.7e308, 1), Vec2(1.7e308, -1.7e308)],
                [Vec2(1, 1), Vec2(1, 2), Vec2(2, 2)], [Vec2(5, 5), Vec2(5, 6), Vec2(6, 6)],
                [Vec2(-1e300, -1e300), Vec2(-1e300, 1e300), Vec2(1e300, 1e300)],
            ]),
            // Huge coordinates with tiny features, and a ring folded onto itself.
            Polygon2D(outer: star.map { Vec2($0.x * 1e-6 + 1e9, $0.y * 1e-6 - 1e9) }),
            Polygon2D(outer: (0..<10_000).map { i in Vec2(Double(i % 100), i % 2 == 0 ? 0 : 1e-12) }),
        ]
        for c in cases {
            let r = tri.triangulate(c)
            let n = c.outer.count + c.holes.reduce(0) { $0 + $1.count }
            #expect(r.triangles.count % 3 == 0)
            #expect(r.triangles.allSatisfy { Int($0) < n })
        }
    }
}
