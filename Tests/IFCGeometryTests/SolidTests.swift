import Testing
@testable import IFCGeometry

@Suite struct SolidTests {
    let rect = ProfileDefinition.parametric(.rectangle(xDim: 2, yDim: 1), position: .identity)

    func extrude(_ p: ProfileDefinition, dir: Vec3 = .unitZ, depth: Double, position: Transform3D = .identity) -> (Mesh, [GeometryDiagnostic]) {
        TestSupport.mesh(.extrudedAreaSolid(profile: p, position: position, direction: dir, depth: depth))
    }

    @Test func extrudedRectangleIsClosedWithOutwardNormals() {
        let (m, d) = extrude(rect, depth: 3)
        #expect(d.isEmpty)
        #expect(m.isClosed())
        #expect(TestSupport.near(m.signedVolume, 6, 1e-9))
        #expect(TestSupport.near(m.surfaceArea, 22, 1e-9))
        #expect(TestSupport.normalsAgree(m))
        #expect(m.triangleCount == 12)
    }

    @Test func extrusionDirectionsAndPlacement() {
        let slanted = Vec3(0, 1, 1)
        let (m, _) = extrude(rect, dir: slanted, depth: 3)
        #expect(m.isClosed())
        #expect(TestSupport.near(m.signedVolume, 6 / 2.0.squareRoot(), 1e-9))
        let (down, _) = extrude(rect, dir: -Vec3.unitZ, depth: 3)
        #expect(TestSupport.near(down.signedVolume, 6, 1e-9))
        #expect(TestSupport.normalsAgree(down))
        let placed = Transform3D(location: Vec3(10, 20, 30), axis: .unitX, refDirection: .unitY)
        let (p, _) = extrude(rect, depth: 3, position: placed)
        #expect(TestSupport.near(p.signedVolume, 6, 1e-9))
        let b = p.bounds
        #expect(TestSupport.near(b.min.x, 10, 1e-9) && TestSupport.near(b.max.x, 13, 1e-9))
        #expect(TestSupport.near(b.min.y, 19, 1e-9) && TestSupport.near(b.max.y, 21, 1e-9))
    }

    @Test func everyParametricProfileExtrudesClosed() {
        let shapes: [ProfileDefinition.ParametricShape] = [
            .rectangleHollow(xDim: 0.2, yDim: 0.1, wallThickness: 0.01, innerFilletRadius: 0.005, outerFilletRadius: 0.01),
            .circleHollow(radius: 0.1, wallThickness: 0.01),
            .iShape(overallWidth: 0.2, overallDepth: 0.3, webThickness: 0.01, flangeThickness: 0.015, filletRadius: 0.01),
            .lShape(depth: 0.1, width: 0.08, thickness: 0.01, filletRadius: 0.005, edgeRadius: 0.002),
            .tShape(depth: 0.2, flangeWidth: 0.15, webThickness: 0.01, flangeThickness: 0.02, filletRadius: 0.01),
            .uShape(depth: 0.2, flangeWidth: 0.08, webThickness: 0.01, flangeThickness: 0.012, filletRadius: 0.01, edgeRadius: 0.003),
            .cShape(depth: 0.2, width: 0.08, wallThickness: 0.002, girth: 0.02, internalFilletRadius: 0.003),
            .zShape(depth: 0.2, flangeWidth: 0.08, webThickness: 0.01, flangeThickness: 0.012, filletRadius: 0.01),
            .ellipse(semiAxis1: 0.3, semiAxis2: 0.1),
        ]
        for s in shapes {
            let p = ProfileDefinition.parametric(s, position: .identity)
            let area = TestSupport.polygons(p)[0].area
            let (m, d) = extrude(p, depth: 2)
            #expect(m.isClosed(), "\(s) not closed")
            #expect(TestSupport.relNear(m.signedVolume, area * 2, 1e-9), "\(s) volume")
            #expect(d.isEmpty, "\(s): \(d)")
        }
    }

    @Test func zeroLengthAndDegenerateExtrusions() {
        let (m, d) = extrude(rect, depth: 0)
        #expect(m.isEmpty)
        #expect(d.contains { $0.code == "extrusion.depth" })
        let (m2, d2) = extrude(rect, dir: .unitX, depth: 1)
        #expect(m2.isEmpty)
        #expect(d2.contains { $0.code == "extrusion.direction" })
        let (m3, _) = extrude(rect, depth: .nan)
        #expect(m3.isEmpty)
        let selfIntersecting = ProfileDefinition.arbitraryClosed(.polyline([Vec2(0, 0), Vec2(2, 2), Vec2(2, 0), Vec2(0, 2)]))
        let (m4, _) = extrude(selfIntersecting, depth: 1)
        #expect(m4.isFinite)
    }

    @Test func revolvedRectangleFollowsPappus() {
        let ring = ProfileDefinition.parametric(.rectangle(xDim: 1, yDim: 1), position: Transform2D(location: Vec2(1.5, 0.5)))
        let full = TestSupport.mesh(.revolvedAreaSolid(profile: ring, position: .identity, axisOrigin: .zero,
                                                       axisDirection: .unitY, angle: 2 * .pi)).0
        #expect(full.isClosed())
        #expect(TestSupport.relNear(full.signedVolume, 3 * Double.pi, 0.01))
        let half = TestSupport.mesh(.revolvedAreaSolid(profile: ring, position: .identity, axisOrigin: .zero,
                                                       axisDirection: .unitY, angle: .pi)).0
        #expect(half.isClosed())
        #expect(TestSupport.relNear(half.signedVolume, 1.5 * Double.pi, 0.01))
        #expect(TestSupport.normalsAgree(half))
    }

    @Test func sweptDiskTubes() {
        var ignored: [GeometryDiagnostic] = []
        let straight = SweptDisk.mesh(directrix: [Vec3(0, 0, 0), Vec3(10, 0, 0)], radius: 0.1, innerRadius: nil,
                                      diagnostics: &ignored)
        #expect(straight.isClosed())
        #expect(TestSupport.relNear(straight.signedVolume, Double.pi * 0.01 * 10, 0.03))
        let bent = SweptDisk.mesh(directrix: [Vec3(0, 0, 0), Vec3(5, 0, 0), Vec3(5, 5, 0), Vec3(5, 5, 5)], radius: 0.1,
                                  innerRadius: 0.08, diagnostics: &ignored)
        #expect(bent.isClosed())
        #expect(TestSupport.relNear(bent.signedVolume, Double.pi * (0.01 - 0.0064) * 15, 0.05))
        var d: [GeometryDiagnostic] = []
        #expect(SweptDisk.mesh(directrix: [Vec3(1, 1, 1), Vec3(1, 1, 1)], radius: 0.1, innerRadius: nil, diagnostics: &d).isEmpty)
        #expect(!d.isEmpty)
    }

    static let cubeFaces: [[[Vec3]]] = {
        let p = [Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(1, 1, 0), Vec3(0, 1, 0), Vec3(0, 0, 1), Vec3(1, 0, 1), Vec3(1, 1, 1), Vec3(0, 1, 1)]
        let f = [[0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4], [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]]
        return f.map { [$0.map { p[$0] }] }
    }()

    @Test func facetedBrepCubeAndVoid() {
        let (m, d) = TestSupport.mesh(.facetedBrep(faces: Self.cubeFaces, voids: []))
        #expect(d.isEmpty)
        #expect(m.isClosed())
        #expect(TestSupport.near(m.signedVolume, 1, 1e-12))
        let small = Self.cubeFaces.map { face in face.map { loop in loop.map { $0 * 0.5 + Vec3(0.25, 0.25, 0.25) } } }
        let (withVoid, _) = TestSupport.mesh(.facetedBrep(faces: Self.cubeFaces, voids: [small]))
        #expect(TestSupport.near(withVoid.signedVolume, 1 - 0.125, 1e-12))
    }

    @Test func triangulatedFaceSet() {
        let coords = [Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(0, 1, 0), Vec3(0, 0, 1)]
        let tris = [[1, 3, 2], [1, 2, 4], [2, 3, 4], [3, 1, 4]]
        let set = TriangulatedFaceSet(coordinates: coords, triangles: tris, closed: true)
        let (m, d) = TestSupport.mesh(.triangulatedFaceSet(set))
        #expect(d.isEmpty)
        #expect(m.isClosed())
        #expect(TestSupport.near(m.signedVolume, 1.0 / 6, 1e-12))
        // With explicit normals and bad indices.
        var withNormals = set
        withNormals.normals = coords.map { ($0 - Vec3(0.25, 0.25, 0.25)) }
        withNormals.triangles.append([1, 2, 99])
        let (m2, d2) = TestSupport.mesh(.triangulatedFaceSet(withNormals))
        #expect(m2.triangleCount == 4)
        #expect(d2.contains { $0.code == "faceset.triangles" })
        #expect(m2.isFinite)
    }

    @Test func polygonalFaceSetWithPnIndexAndInnerLoop() {
        let p = [Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(1, 1, 0), Vec3(0, 1, 0), Vec3(0, 0, 1), Vec3(1, 0, 1), Vec3(1, 1, 1), Vec3(0, 1, 1)]
        // Coordinates stored in reverse; PnIndex maps back.
        let coords = Array(p.reversed())
        let pn = (1...8).map { 9 - $0 }
        let faces = [[1, 4, 3, 2], [5, 6, 7, 8], [1, 2, 6, 5], [2, 3, 7, 6], [3, 4, 8, 7], [4, 1, 5, 8]].map { PolygonalFaceSet.Face($0) }
        let (m, d) = TestSupport.mesh(.polygonalFaceSet(PolygonalFaceSet(coordinates: coords, faces: faces, pnIndex: pn, closed: true)))
        #expect(d.isEmpty)
        #expect(m.isClosed())
        #expect(TestSupport.near(m.signedVolume, 1, 1e-12))
        let plate = PolygonalFaceSet(
            coordinates: [Vec3(0, 0, 0), Vec3(4, 0, 0), Vec3(4, 4, 0), Vec3(0, 4, 0), Vec3(1, 1, 0), Vec3(1, 2, 0), Vec3(2, 2, 0), Vec3(2, 1, 0)],
            faces: [PolygonalFaceSet.Face([1, 2, 3, 4], inner: [[5, 6, 7, 8]])])
        let (pm, _) = TestSupport.mesh(.polygonalFaceSet(plate))
        #expect(TestSupport.near(pm.surfaceArea, 15, 1e-12))
    }

    @Test func degenerateFacesAreSkipped() {
        let faces: [[[Vec3]]] = [[[Vec3(0, 0, 0), Vec3(1, 1, 1), Vec3(2, 2, 2)]], [[Vec3(0, 0, 0)]], [[Vec3(.nan, 0, 0), Vec3(1, 0, 0), Vec3(0, 1, 0)]]]
        let (m, d) = TestSupport.mesh(.faces(faces))
        #expect(m.isEmpty)
        #expect(!d.isEmpty)
    }
}
