import Foundation
import IFC
import STEP
import Testing

/// IfcGridPlacement on hand-made grids, with positions and axes worked out by hand from the IFC rules:
/// origin at the virtual intersection (offsets to the left of each axis, the third offset along the
/// grid's Z), X along PlacementRefDirection or else the first axis, all in the IfcGrid's frame.
/// (IfcOpenShell 0.9 evaluates no IfcGridPlacement, neither in `get_local_placement` nor in its geometry
/// kernel, so it cannot serve as the reference here.)
@Suite struct IFCGridPlacementTests {
    /// Site at (1, 2, 3). Grid "G" at (10, 20, 0) relative to the site, turned 90° (grid X = world Y):
    /// U axes A (y = 0) and B (y = 5), V axes 1 (x = 3, upwards) and 2 (x = 7, drawn downwards with
    /// SameSense false, so upwards too). Grid "R" at the site origin: a circle of radius 10 (U), a
    /// trimmed line from the centre along (1, 1) and an unbounded line from the centre along -X (V).
    static func data(_ schema: String) -> String {
        let ifc2x3 = schema == "IFC2X3"
        let relTo = schema.hasPrefix("IFC4X3") ? "#40," : ""
        let relToR = schema.hasPrefix("IFC4X3") ? "$," : ""  // found through the grid's axes instead
        let tail = ifc2x3 ? "" : ",$"
        let refDirection3 = ifc2x3 ? "#320" : "#310"
        return """
        #1=IFCPROJECT('0proj',$,'P',$,$,$,$,(#20),#10);
        #10=IFCUNITASSIGNMENT((#11));
        #11=IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.);
        #20=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#21,$);
        #21=IFCAXIS2PLACEMENT3D(#22,$,$);
        #22=IFCCARTESIANPOINT((0.,0.,0.));
        #30=IFCSITE('0site',$,'S',$,$,#31,$,$,.ELEMENT.,$,$,$,$,$);
        #31=IFCLOCALPLACEMENT($,#32);
        #32=IFCAXIS2PLACEMENT3D(#33,$,$);
        #33=IFCCARTESIANPOINT((1.,2.,3.));
        #34=IFCRELAGGREGATES('0agg',$,$,$,#1,(#30));
        #40=IFCLOCALPLACEMENT(#31,#41);
        #41=IFCAXIS2PLACEMENT3D(#42,#43,#44);
        #42=IFCCARTESIANPOINT((10.,20.,0.));
        #43=IFCDIRECTION((0.,0.,1.));
        #44=IFCDIRECTION((0.,1.,0.));
        #100=IFCCARTESIANPOINT((0.,0.));
        #101=IFCCARTESIANPOINT((100.,0.));
        #102=IFCPOLYLINE((#100,#101));
        #105=IFCGRIDAXIS('A',#102,.T.);
        #110=IFCCARTESIANPOINT((0.,5.));
        #111=IFCCARTESIANPOINT((100.,5.));
        #112=IFCPOLYLINE((#110,#111));
        #115=IFCGRIDAXIS('B',#112,.T.);
        #120=IFCCARTESIANPOINT((3.,-10.));
        #121=IFCCARTESIANPOINT((3.,50.));
        #122=IFCPOLYLINE((#120,#121));
        #125=IFCGRIDAXIS('1',#122,.T.);
        #130=IFCCARTESIANPOINT((7.,50.));
        #131=IFCCARTESIANPOINT((7.,-10.));
        #132=IFCPOLYLINE((#130,#131));
        #135=IFCGRIDAXIS('2',#132,.F.);
        #50=IFCGRID('0grid',$,'G',$,$,#40,$,(#105,#115),(#125,#135),$\(tail));
        #51=IFCRELCONTAINEDINSPATIALSTRUCTURE('0rel',$,$,$,(#50,#60,#201,#202,#203,#204,#205,#206,#207,#208),#30);
        #310=IFCDIRECTION((0.,1.,0.));
        #320=IFCVIRTUALGRIDINTERSECTION((#115,#135),(0.,0.));
        #230=IFCVIRTUALGRIDINTERSECTION((#105,#125),(0.,0.));
        #231=IFCGRIDPLACEMENT(\(relTo)#230,$);
        #201=IFCCOLUMN('0c1',$,'C1',$,$,#231,$,$\(tail));
        #240=IFCVIRTUALGRIDINTERSECTION((#105,#125),(1.,2.,0.5));
        #241=IFCGRIDPLACEMENT(\(relTo)#240,$);
        #202=IFCCOLUMN('0c2',$,'C2',$,$,#241,$,$\(tail));
        #250=IFCVIRTUALGRIDINTERSECTION((#125,#115),(0.,0.));
        #251=IFCGRIDPLACEMENT(\(relTo)#250,\(refDirection3));
        #203=IFCCOLUMN('0c3',$,'C3',$,$,#251,$,$\(tail));
        #260=IFCVIRTUALGRIDINTERSECTION((#115,#125),(0.,-1.));
        #261=IFCGRIDPLACEMENT(\(relTo)#260,#320);
        #204=IFCCOLUMN('0c4',$,'C4',$,$,#261,$,$\(tail));
        #270=IFCVIRTUALGRIDINTERSECTION((#105,#135),(0.5,1.5));
        #271=IFCGRIDPLACEMENT(\(relTo)#270,$);
        #205=IFCCOLUMN('0c5',$,'C5',$,$,#271,$,$\(tail));
        #280=IFCVIRTUALGRIDINTERSECTION((#135,#105),(0.,0.));
        #281=IFCGRIDPLACEMENT(\(relTo)#280,$);
        #206=IFCCOLUMN('0c6',$,'C6',$,$,#281,$,$\(tail));
        #61=IFCLOCALPLACEMENT(#31,#21);
        #400=IFCAXIS2PLACEMENT2D(#401,$);
        #401=IFCCARTESIANPOINT((0.,0.));
        #402=IFCCIRCLE(#400,10.);
        #405=IFCGRIDAXIS('R10',#402,.T.);
        #410=IFCDIRECTION((1.,1.));
        #411=IFCVECTOR(#410,1.);
        #412=IFCLINE(#401,#411);
        #413=IFCTRIMMEDCURVE(#412,(IFCPARAMETERVALUE(0.)),(IFCPARAMETERVALUE(20.)),.T.,.PARAMETER.);
        #415=IFCGRIDAXIS('D45',#413,.T.);
        #420=IFCDIRECTION((-1.,0.));
        #421=IFCVECTOR(#420,1.);
        #422=IFCLINE(#401,#421);
        #425=IFCGRIDAXIS('D180',#422,.T.);
        #60=IFCGRID('0radial',$,'R',$,$,#61,$,(#405),(#415,#425),$\(tail));
        #290=IFCVIRTUALGRIDINTERSECTION((#405,#415),(1.,0.));
        #291=IFCGRIDPLACEMENT(\(relToR)#290,$);
        #207=IFCCOLUMN('0c7',$,'C7',$,$,#291,$,$\(tail));
        #300=IFCVIRTUALGRIDINTERSECTION((#405,#425),(0.,0.));
        #301=IFCGRIDPLACEMENT(\(relToR)#300,$);
        #208=IFCCOLUMN('0c8',$,'C8',$,$,#301,$,$\(tail));
        """
    }

    /// Expected world origin and X axis per column.
    static func expected(_ schema: String) -> [String: (origin: SIMD3<Double>, x: SIMD3<Double>)] {
        let r = 10 - 1.0  // the circle offset 1 to its left (inside, as it runs counter-clockwise)
        let d = r / 2.0.squareRoot()
        return [
            "C1": (SIMD3(11, 25, 3), SIMD3(0, 1, 0)),  // grid (3, 0): first axis A runs along grid X
            "C2": (SIMD3(10, 23, 3.5), SIMD3(0, 1, 0)),  // A + 1 (left = grid +Y), axis 1 + 2 (left = grid -X)
            // explicit direction grid +Y (IFC2X3 has only intersections: towards B/2 = grid (7, 5), along grid +X)
            "C3": (SIMD3(6, 25, 3), schema == "IFC2X3" ? SIMD3(0, 1, 0) : SIMD3(-1, 0, 0)),
            "C4": (SIMD3(6, 26, 3), SIMD3(0, 1, 0)),  // grid (4, 5), towards grid (7, 5)
            "C5": (SIMD3(10.5, 27.5, 3), SIMD3(0, 1, 0)),  // axis 2 reversed: its left is grid -X
            "C6": (SIMD3(11, 29, 3), SIMD3(-1, 0, 0)),  // first axis 2 runs along grid +Y = world -X
            "C7": (SIMD3(1 + d, 2 + d, 3), SIMD3(-1, 1, 0) / 2.0.squareRoot()),  // tangent of the circle at 45°
            "C8": (SIMD3(-9, 2, 3), SIMD3(0, -1, 0)),  // the ray along -X, not the point behind the centre
        ]
    }

    @Test(arguments: ["IFC2X3", "IFC4", "IFC4X3_ADD2"])
    func gridPlacementsFollowTheirIntersections(schema: String) throws {
        let m = try IFCModelTests.model(schema, Self.data(schema))
        var resolver = IFCPlacementResolver(model: m)
        let expected = Self.expected(schema)
        var seen = 0
        for column in m.instances(of: "IfcColumn") {
            let name = try #require(m.string(column, "Name"))
            let want = try #require(expected[name])
            let placement = try #require(m.reference(column, "ObjectPlacement"))
            guard case .success(let world) = resolver.world(placement) else {
                Issue.record("\(schema) \(name): \(resolver.world(placement))")
                continue
            }
            let x = SIMD3(world[0, 0], world[1, 0], world[2, 0])
            let z = SIMD3(world[0, 2], world[1, 2], world[2, 2])
            #expect(Self.close(world.origin, want.origin), "\(schema) \(name) origin \(world.origin)")
            #expect(Self.close(x, want.x), "\(schema) \(name) x axis \(x)")
            #expect(Self.close(z, SIMD3(0, 0, 1)), "\(schema) \(name) z axis \(z)")
            seen += 1
        }
        #expect(seen == expected.count)
        #expect(resolver.diagnostics.isEmpty, "\(resolver.diagnostics)")
        let report = IFCInspection.report(for: m)
        guard case .point(let p) = try #require(report.worldOriginM["0c2"]) else {
            Issue.record("no origin for C2")
            return
        }
        #expect(Self.close(SIMD3(p[0], p[1], p[2]), SIMD3(10, 23, 3.5)))
    }

    /// Axes that do not meet, unknown curve kinds and grid placements placed on themselves give a
    /// positioned diagnostic and an error origin, never a crash or a made-up point.
    @Test func brokenGridsAreDiagnosed() throws {
        let m = try IFCModelTests.model("IFC4", """
        #1=IFCCARTESIANPOINT((0.,0.));
        #2=IFCCARTESIANPOINT((10.,0.));
        #3=IFCPOLYLINE((#1,#2));
        #4=IFCGRIDAXIS('A',#3,.T.);
        #5=IFCCARTESIANPOINT((0.,5.));
        #6=IFCCARTESIANPOINT((10.,5.));
        #7=IFCPOLYLINE((#5,#6));
        #8=IFCGRIDAXIS('B',#7,.T.);
        #9=IFCVIRTUALGRIDINTERSECTION((#4,#8),(0.,0.));
        #10=IFCGRIDPLACEMENT(#9,$);
        #11=IFCCOLUMN('0parallel',$,'P',$,$,#10,$,$,$);
        #12=IFCBSPLINECURVEWITHKNOTS(1,(#1,#2),.POLYLINE_FORM.,.F.,.F.,(2,2),(0.,1.),.UNSPECIFIED.);
        #13=IFCGRIDAXIS('S',#12,.T.);
        #14=IFCVIRTUALGRIDINTERSECTION((#13,#4),(0.,0.));
        #15=IFCGRIDPLACEMENT(#14,$);
        #16=IFCCOLUMN('0spline',$,'S',$,$,#15,$,$,$);
        #17=IFCVIRTUALGRIDINTERSECTION((#4),(0.,0.));
        #18=IFCGRIDPLACEMENT(#17,$);
        #19=IFCCOLUMN('0oneaxis',$,'O',$,$,#18,$,$,$);
        #20=IFCTRIMMEDCURVE(#20,(IFCPARAMETERVALUE(0.)),(IFCPARAMETERVALUE(1.)),.T.,.PARAMETER.);
        #21=IFCGRIDAXIS('T',#20,.T.);
        #22=IFCVIRTUALGRIDINTERSECTION((#21,#4),(0.,0.));
        #23=IFCGRIDPLACEMENT(#22,#23);
        #24=IFCCOLUMN('0selftrim',$,'T',$,$,#23,$,$,$);
        """)
        let report = IFCInspection.report(for: m)
        for gid in ["0parallel", "0spline", "0oneaxis", "0selftrim"] {
            guard case .error = try #require(report.worldOriginM[gid]) else {
                Issue.record("\(gid) should have no origin: \(String(describing: report.worldOriginM[gid]))")
                continue
            }
        }
        let messages = report.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("do not intersect") })
        #expect(messages.contains { $0.contains("not supported") })
        #expect(messages.contains { $0.contains("two grid axes") })
        #expect(messages.contains { $0.contains("too deeply") })
        #expect(report.diagnostics.allSatisfy { $0.line > 0 && $0.column > 0 })
    }

    /// The corpus grid (IFC4X3, PlacementRelTo on every grid placement): 25 columns stand on the 5 × 5
    /// axis intersections, where the locally placed beams of the same file start.
    @Test(.enabled(if: IFCFidelityTests.hasShared, "needs ../shared/corpus/ifc"))
    func corpusGridColumnsStandOnTheBeamGrid() throws {
        let url = IFCFidelityTests.shared.appendingPathComponent("corpus/ifc/IFC4X3/grid-placement.ifc")
        let m = try IFCModel(contentsOf: url)
        var resolver = IFCPlacementResolver(model: m)
        var seen = Set<[Double]>()
        for column in m.instances(of: "IfcColumn") {
            let placement = try #require(m.reference(column, "ObjectPlacement"))
            guard case .success(let world) = resolver.world(placement) else {
                Issue.record("\(column): \(resolver.world(placement))")
                continue
            }
            let o = world.origin * m.lengthUnitInMetres
            #expect([-14.0, -10, -6, -2, 2].contains { abs($0 - o.x) < 1e-9 }, "x \(o)")
            #expect([4.0, 8, 10, 14, 16].contains { abs($0 - o.y) < 1e-9 }, "y \(o)")
            #expect(abs(o.z) < 1e-9)
            seen.insert([o.x.rounded(), o.y.rounded()])
        }
        #expect(seen.count == 25)
    }

    static func close(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Bool {
        let d = a - b
        return (d * d).sum().squareRoot() < 1e-9
    }
}
