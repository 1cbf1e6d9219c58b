import Testing
@testable import IFCGeometry

@Suite struct InstancingTests {
    let maps: [Int: RepresentationMap] = [1: RepresentationMap(items: [TestSupport.box(0, 0, 0, 1, 1, 1)])]

    @Test func nonUniformScaleFixesNormals() {
        let (m, _) = TestSupport.mesh(.mapped(mapID: 1, transform: .scale(2, 3, 4)), maps: maps)
        #expect(TestSupport.near(m.signedVolume, 24, 1e-9))
        #expect(TestSupport.normalsAgree(m))
        // Shear-free but rotated non-uniform scale: normals still perpendicular to faces.
        let t = Transform3D.rotation(about: Vec3(1, 2, 3), angle: 0.7).concatenating(.scale(1, 5, 0.2))
        let (r, _) = TestSupport.mesh(.mapped(mapID: 1, transform: t), maps: maps)
        #expect(TestSupport.near(r.signedVolume, 1, 1e-9))
        #expect(TestSupport.normalsAgree(r))
    }

    @Test func mirrorFlipsWinding() {
        let (m, _) = TestSupport.mesh(.mapped(mapID: 1, transform: .scale(-1, 1, 1)), maps: maps)
        #expect(TestSupport.near(m.signedVolume, 1, 1e-12))
        #expect(TestSupport.normalsAgree(m))
        #expect(m.bounds.min.x == -1)
    }

    @Test func cyclicMapsAreReported() {
        let cyclic: [Int: RepresentationMap] = [
            1: RepresentationMap(items: [.mapped(mapID: 2, transform: .identity)]),
            2: RepresentationMap(items: [.mapped(mapID: 1, transform: .identity), TestSupport.box(0, 0, 0, 1, 1, 1)]),
        ]
        let (m, d) = TestSupport.mesh(.mapped(mapID: 1, transform: .identity), maps: cyclic)
        #expect(d.contains { $0.code == "mapped.cycle" })
        #expect(TestSupport.near(m.signedVolume, 1, 1e-12))
    }

    @Test func deepNestingIsBounded() {
        var deep: [Int: RepresentationMap] = [:]
        for i in 0..<500 { deep[i] = RepresentationMap(items: [.mapped(mapID: i + 1, transform: .translation(Vec3(1, 0, 0)))]) }
        deep[500] = RepresentationMap(items: [TestSupport.box(0, 0, 0, 1, 1, 1)])
        let (m, d) = TestSupport.mesh(.mapped(mapID: 0, transform: .identity), maps: deep)
        #expect(m.isEmpty)
        #expect(d.contains { $0.code == "item.depth" })
        let (s, d2) = TestSupport.mesh(.mapped(mapID: 0, transform: .scale(0, 0, 0)), maps: deep)
        #expect(s.isEmpty)
        #expect(d2.contains { $0.code == "mapped.transform" })
        let (missing, d3) = TestSupport.mesh(.mapped(mapID: 9999, transform: .identity), maps: deep)
        #expect(missing.isEmpty && d3.contains { $0.code == "mapped.missing" })
    }

    @Test func transformInverseRoundTrips() {
        let t = Transform3D(location: Vec3(3, -2, 7), axis: Vec3(0.2, 0.3, 1), refDirection: Vec3(1, 0.1, 0))
            .concatenating(.scale(2, -3, 0.5))
        guard let inv = t.inverse else { Issue.record("singular"); return }
        let p = Vec3(1.5, -4, 9)
        let q = inv.apply(t.apply(p))
        #expect((q - p).length < 1e-12)
    }
}

@Suite struct ParallelAndShearTests {
    @Test func parallelTessellationKeepsOrder() async {
        let items: [[GeometryItem]] = (0..<37).map { i in [TestSupport.box(0, 0, 0, 1, 1, Double(i + 1))] }
        let out = await Tessellator().meshes(for: items, concurrency: 4)
        #expect(out.count == 37)
        for (i, o) in out.enumerated() { #expect(TestSupport.near(o.mesh.signedVolume, Double(i + 1), 1e-9)) }
    }

    @Test func shearedInstancesAreBaked() throws {
        let cube = TestSupport.mesh(TestSupport.box(0, 0, 0, 1, 1, 1)).0
        let shear = Transform3D.rotation(about: .unitZ, angle: 0.5).concatenating(.scale(1, 3, 1))
            .concatenating(.rotation(about: .unitZ, angle: 0.4))
        #expect(GLBWriter.hasShear(shear))
        #expect(!GLBWriter.hasShear(Transform3D.rotation(about: .unitZ, angle: 0.5).concatenating(.scale(1, 3, 1))))
        let scene = GeometryScene(meshes: [1: cube], products: [
            GeometryProduct(globalId: "a", ifcType: "IfcBeam", instances: [.init(meshID: 1, transform: shear)]),
            GeometryProduct(globalId: "b", ifcType: "IfcBeam", instances: [.init(meshID: 1, transform: .translation(Vec3(5, 0, 0)))]),
        ])
        let out = GLBWriter().write(scene)
        #expect(out.meshCount == 2)
        #expect(out.productCount == 2)
    }
}
