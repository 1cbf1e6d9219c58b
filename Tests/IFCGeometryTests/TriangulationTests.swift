import Foundation
import Testing
@testable import IFCGeometry

@Suite struct TriangulationTests {
    let tri = PolygonTriangulator()

    @Test func squareWithTwoHoles() {
        let poly = Polygon2D(outer: [Vec2(0, 0), Vec2(10, 0), Vec2(10, 10), Vec2(0, 10)],
                             holes: [[Vec2(1, 1), Vec2(3, 1), Vec2(3, 3), Vec2(1, 3)],
                                     [Vec2(6, 6), Vec2(6, 8), Vec2(8, 8), Vec2(8, 6)]])
        let r = tri.triangulate(poly)
        #expect(r.diagnostics.isEmpty)
        #expect(TestSupport.near(TestSupport.triangleArea(poly, r.triangles), 92, 1e-9))
        // n + 2h - 2 triangles for a polygon with h holes and n vertices in total.
        #expect(r.triangles.count / 3 == 12 + 2 * 2 - 2)
    }

    @Test func concaveComb() {
        var outer: [Vec2] = [Vec2(0, 0), Vec2(20, 0)]
        for i in stride(from: 19, through: 0, by: -1) {
            outer.append(Vec2(Double(i) + 1, i % 2 == 0 ? 5 : 1))
            outer.append(Vec2(Double(i), i % 2 == 0 ? 5 : 1))
        }
        let poly = Polygon2D(outer: outer).normalized()
        let r = tri.triangulate(poly)
        #expect(r.diagnostics.isEmpty)
        #expect(TestSupport.relNear(TestSupport.triangleArea(poly, r.triangles), poly.area, 1e-9))
    }

    @Test func collinearAndDuplicatePoints() {
        let poly = Polygon2D(outer: [Vec2(0, 0), Vec2(1, 0), Vec2(1, 0), Vec2(2, 0), Vec2(3, 0), Vec2(3, 3), Vec2(3, 3),
                                     Vec2(0, 3), Vec2(0, 1.5), Vec2(0, 0)])
        let r = tri.triangulate(poly)
        #expect(TestSupport.near(TestSupport.triangleArea(poly, r.triangles), 9, 1e-9))
        // Collinear points stay (they may be shared with side faces): 7 distinct points → 5 triangles.
        #expect(r.triangles.count == 15)
    }

    @Test func degenerateInputsDoNotCrash() {
        let cases: [Polygon2D] = [
            Polygon2D(outer: []),
            Polygon2D(outer: [Vec2(0, 0), Vec2(1, 1)]),
            Polygon2D(outer: [Vec2(0, 0), Vec2(1, 1), Vec2(2, 2), Vec2(3, 3)]),  // collinear
            Polygon2D(outer: [Vec2(1, 1), Vec2(1, 1), Vec2(1, 1)]),  // one point
            Polygon2D(outer: [Vec2(0, 0), Vec2(1, 0), Vec2(.nan, 1)]),
            Polygon2D(outer: [Vec2(0, 0), Vec2(1e-13, 0), Vec2(1e-13, 1e-13)]),
            Polygon2D(outer: [Vec2(0, 0), Vec2(1, 0), Vec2(1, 1), Vec2(0, 1)], holes: [[Vec2(0.5, 0.5), Vec2(0.5, 0.5), Vec2(0.5, 0.5)]]),
            Polygon2D(outer: [Vec2(0, 0), Vec2(1, 0), Vec2(1, 1), Vec2(0, 1)], holes: [[Vec2(5, 5), Vec2(6, 5), Vec2(6, 6)]]),  // hole outside
            Polygon2D(outer: [Vec2(0, 0), Vec2(.infinity, 0), Vec2(1, 1)]),
        ]
        for c in cases {
            let r = tri.triangulate(c)
            #expect(r.triangles.count % 3 == 0)
            let n = c.outer.count + c.holes.reduce(0) { $0 + $1.count }
            #expect(r.triangles.allSatisfy { Int($0) < n })
        }
    }

    @Test func selfIntersectingBowtieDegradesWithDiagnostic() {
        let poly = Polygon2D(outer: [Vec2(0, 0), Vec2(2, 2), Vec2(2, 0), Vec2(0, 2)])
        let r = tri.triangulate(poly)
        #expect(r.triangles.count % 3 == 0)
        // Either the loops are triangulated or a diagnostic explains why not.
        #expect(!r.triangles.isEmpty || !r.diagnostics.isEmpty)
    }

    @Test func slightlySelfIntersectingRing() {
        // A square whose last edge crosses back over the first by a hair.
        let poly = Polygon2D(outer: [Vec2(0, 0), Vec2(10, 0), Vec2(10, 10), Vec2(0, 10), Vec2(0.001, -0.001), Vec2(-0.0001, 5)])
        let r = tri.triangulate(poly)
        #expect(r.triangles.count % 3 == 0)
        #expect(abs(TestSupport.triangleArea(poly, r.triangles) - 100) < 1)
    }

    @Test func randomSpikyRingsTerminate() {
        var rng = SplitMix(seed: 42)
        for _ in 0..<200 {
            let n = Int(rng.next() % 40) + 3
            let ring = (0..<n).map { _ in Vec2(Double(rng.next() % 1000) / 100, Double(rng.next() % 1000) / 100) }
            let r = tri.triangulate(Polygon2D(outer: ring))
            #expect(r.triangles.allSatisfy { Int($0) < n })
        }
    }

    @Test func bigPolygonWithManyHolesKeepsItsArea() {
        // 5 000-vertex star with 50 holes. Speed belongs to benchmarks, not unit tests (README).
        let n = 5_000
        let outer = (0..<n).map { i -> Vec2 in
            let t = 2 * Double.pi * Double(i) / Double(n)
            let r = i % 2 == 0 ? 100.0 : 98.0
            return Vec2(r * cos(t), r * sin(t))
        }
        var holes: [[Vec2]] = []
        for k in 0..<50 {
            let cx = Double(k % 10) * 12 - 54, cy = Double(k / 10) * 12 - 24
            holes.append([Vec2(cx, cy), Vec2(cx, cy + 2), Vec2(cx + 2, cy + 2), Vec2(cx + 2, cy)])
        }
        let poly = Polygon2D(outer: outer, holes: holes).normalized()
        let r = tri.triangulate(poly)
        #expect(TestSupport.relNear(TestSupport.triangleArea(poly, r.triangles), poly.area, 1e-6))
    }

    @Test func planarFaceWithHoleIn3D() {
        // Vertical face (normal -y) with a window.
        let outer = [Vec3(0, 0, 0), Vec3(4, 0, 0), Vec3(4, 0, 3), Vec3(0, 0, 3)]
        let hole = [Vec3(1, 0, 1), Vec3(1, 0, 2), Vec3(2, 0, 2), Vec3(2, 0, 1)]
        var mesh = Mesh()
        var d: [GeometryDiagnostic] = []
        #expect(PlanarFaceTriangulator().addFace([outer, hole], to: &mesh, diagnostics: &d))
        #expect(TestSupport.near(mesh.surfaceArea, 11, 1e-9))
        #expect(TestSupport.normalsAgree(mesh))
        #expect(TestSupport.near(mesh.normal(0).y, -1, 1e-6))
    }
}

/// Deterministic generator so failures reproduce.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
