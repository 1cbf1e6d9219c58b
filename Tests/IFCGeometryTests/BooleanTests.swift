import Foundation
import Testing
@testable import IFCGeometry

@Suite struct BooleanTests {
    let cube = TestSupport.box(0, 0, 0, 1, 1, 1)

    func halfSpace(_ point: Vec3, _ normal: Vec3, agreement: Bool) -> GeometryItem {
        .halfSpace(HalfSpace(plane: Plane(point: point, normal: normal)!, agreementFlag: agreement))
    }

    @Test func halfSpaceClipKeepsClosedVolume() {
        // Agreement false: material on the normal side (above z = 0.5) is removed.
        let (below, d) = TestSupport.mesh(.boolean(.difference, cube, halfSpace(Vec3(0, 0, 0.5), .unitZ, agreement: false)))
        #expect(d.isEmpty, "\(d)")
        #expect(below.isClosed())
        #expect(TestSupport.near(below.signedVolume, 0.5, 1e-12))
        #expect(TestSupport.near(below.bounds.max.z, 0.5, 1e-12))
        #expect(TestSupport.normalsAgree(below))
        let (above, _) = TestSupport.mesh(.boolean(.difference, cube, halfSpace(Vec3(0, 0, 0.25), .unitZ, agreement: true)))
        #expect(above.isClosed())
        #expect(TestSupport.near(above.signedVolume, 0.75, 1e-12))
        #expect(TestSupport.near(above.bounds.min.z, 0.25, 1e-12))
    }

    @Test func slantedClipOfWallIsClosed() {
        // A wall whose top is cut by a roof pitch plane through its middle.
        let wall = TestSupport.box(0, 0, 0, 4, 0.2, 3)
        let n = Vec3(-1, 0, 2)
        let (m, _) = TestSupport.mesh(.boolean(.difference, wall, halfSpace(Vec3(2, 0, 2), n, agreement: false)))
        #expect(m.isClosed())
        // Top edge runs from z = 1 at x = 0 to z = 3 at x = 4: mean height 2.
        #expect(TestSupport.near(m.signedVolume, 4 * 0.2 * 2, 1e-9))
    }

    @Test func clipWithoutIntersectionIsIdentityOrEmpty() {
        let (same, _) = TestSupport.mesh(.boolean(.difference, cube, halfSpace(Vec3(0, 0, 5), .unitZ, agreement: false)))
        #expect(TestSupport.near(same.signedVolume, 1, 1e-12))
        let (gone, _) = TestSupport.mesh(.boolean(.difference, cube, halfSpace(Vec3(0, 0, -5), .unitZ, agreement: false)))
        #expect(gone.isEmpty)
    }

    @Test func boxMinusBox() {
        let wall = TestSupport.box(0, 0, 0, 4, 0.2, 3)
        let door = TestSupport.box(1, -0.1, 0, 2, 0.3, 2)
        let (m, d) = TestSupport.mesh(.boolean(.difference, wall, door))
        #expect(d.isEmpty)
        #expect(TestSupport.near(m.signedVolume, 2.4 - 0.4, 1e-9))
        #expect(TestSupport.normalsAgree(m))
        // Blind niche (not through).
        let niche = TestSupport.box(1, 0.1, 1, 2, 0.5, 2)
        let (n, _) = TestSupport.mesh(.boolean(.difference, wall, niche))
        #expect(TestSupport.near(n.signedVolume, 2.4 - 0.1, 1e-9))
    }

    @Test func unionAndIntersection() {
        let a = TestSupport.box(0, 0, 0, 2, 2, 2), b = TestSupport.box(1, 1, 1, 3, 3, 3)
        let (u, _) = TestSupport.mesh(.boolean(.union, a, b))
        #expect(TestSupport.near(u.signedVolume, 15, 1e-9))
        let (i, _) = TestSupport.mesh(.boolean(.intersection, a, b))
        #expect(TestSupport.near(i.signedVolume, 1, 1e-9))
    }

    @Test func openingsAtGeoreferencedCoordinates() {
        let o = Vec3(2_500_000, 5_600_000, 400)
        let wall = GeometryItem.transformed(TestSupport.box(0, 0, 0, 4, 0.2, 3), .translation(o))
        let door = GeometryItem.transformed(TestSupport.box(1, -0.1, 0, 2, 0.3, 2), .translation(o))
        let (m, _) = TestSupport.mesh(.boolean(.difference, wall, door))
        #expect(abs(m.signedVolume - 2.0) < 1e-6)
    }

    @Test func polygonalBoundedHalfSpace() {
        let wall = TestSupport.box(0, 0, 0, 4, 0.2, 3)
        // Remove everything above z = 2, but only within x ∈ [0, 2].
        let hs = HalfSpace(plane: Plane(point: Vec3(0, 0, 2), normal: .unitZ)!, agreementFlag: false,
                           boundary: [Vec2(-1, -1), Vec2(2, -1), Vec2(2, 1), Vec2(-1, 1)], boundaryPosition: .identity)
        let (m, _) = TestSupport.mesh(.boolean(.difference, wall, .halfSpace(hs)))
        #expect(TestSupport.near(m.signedVolume, 2.4 - 2 * 0.2 * 1, 1e-9))
    }

    @Test func budgetExhaustionFallsBackToHost() {
        var settings = TessellationSettings()
        settings.booleanPolygonBudget = 1
        let sphereish = GeometryItem.extrudedAreaSolid(profile: .parametric(.circle(radius: 1), position: .identity),
                                                       position: .identity, direction: .unitZ, depth: 1)
        let cutter = GeometryItem.transformed(TestSupport.box(-0.5, -0.5, -0.5, 0.5, 0.5, 0.5), .rotation(about: Vec3(1, 1, 1), angle: 0.3))
        let out = Tessellator(settings: settings).mesh(for: .boolean(.difference, sphereish, cutter))
        #expect(out.diagnostics.contains { $0.code == "boolean.budget" })
        #expect(TestSupport.relNear(out.mesh.signedVolume, TestSupport.mesh(sphereish).0.signedVolume, 1e-12))
    }

    @Test func manyOpeningsInOneWallStayBounded() {
        var item = TestSupport.box(0, 0, 0, 20, 0.2, 3)
        for i in 0..<10 {
            let x = Double(i) * 2 + 0.5
            item = .boolean(.difference, item, TestSupport.box(x, -0.1, 0.5, x + 1, 0.3, 2.5))
        }
        let start = Date()
        let (m, _) = TestSupport.mesh(item)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(TestSupport.near(m.signedVolume, 20 * 0.2 * 3 - 10 * 0.2 * 2, 1e-6))
    }
}
