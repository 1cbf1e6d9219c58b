import Foundation
import IFC
import STEP
import Testing

/// IfcLinearPlacement evaluated along alignment curves, checked against values worked out by hand.
@Suite struct IFCAlignmentCurveTests {
    /// A linear placement at `distance` (lateral, vertical offsets) along the curve `#30`, defined by `curve`.
    static func origin(_ curve: String, distance: Double, lateral: String = "$", vertical: String = "$")
        throws -> SIMD3<Double>?
    {
        let data = """
        #1=IFCCARTESIANPOINT((0.,0.));
        #2=IFCDIRECTION((1.,0.));
        #3=IFCAXIS2PLACEMENT2D(#1,#2);
        \(curve)
        #40=IFCPOINTBYDISTANCEEXPRESSION(IFCLENGTHMEASURE(\(distance)),\(lateral),\(vertical),$,#30);
        #41=IFCAXIS2PLACEMENTLINEAR(#40,$,$);
        #42=IFCLINEARPLACEMENT($,#41,$);
        """
        let model = try IFCModelTests.model("IFC4X3_ADD2", data)
        var resolver = IFCPlacementResolver(model: model)
        guard case .success(let m) = resolver.world(STEPInstanceID(42)) else { return nil }
        return m.origin
    }

    static func close(_ a: SIMD3<Double>?, _ b: SIMD3<Double>, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a.x - b.x) <= tolerance && abs(a.y - b.y) <= tolerance && abs(a.z - b.z) <= tolerance
    }

    @Test func lineSegmentWithOffsets() throws {
        // Segment placed at (10,5) heading +Y; 30 along and 2 to the left (−X), 1 up.
        let curve = """
        #10=IFCCARTESIANPOINT((10.,5.));
        #11=IFCDIRECTION((0.,1.));
        #12=IFCAXIS2PLACEMENT2D(#10,#11);
        #13=IFCVECTOR(#2,1.);
        #14=IFCLINE(#1,#13);
        #20=IFCCURVESEGMENT(.CONTINUOUS.,#12,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(100.),#14);
        #30=IFCCOMPOSITECURVE((#20),.F.);
        """
        let o = try Self.origin(curve, distance: 30, lateral: "2.", vertical: "1.")
        #expect(Self.close(o, SIMD3(8, 35, 1)), "\(String(describing: o))")
    }

    @Test func arcSegmentBothSenses() throws {
        // R = 100 from the placement origin heading +X: after a 45° sweep the point is
        // (R sin 45°, ±R(1 − cos 45°)); a negative SegmentLength turns right instead of left.
        let x = 100 * sin(Double.pi / 4), y = 100 * (1 - cos(Double.pi / 4))
        for (sign, expected) in [("", y), ("-", -y)] {
            let curve = """
            #14=IFCCIRCLE(#3,100.);
            #20=IFCCURVESEGMENT(.CONTINUOUS.,#3,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(\(sign)157.07963267948966),#14);
            #30=IFCCOMPOSITECURVE((#20),.F.);
            """
            let o = try Self.origin(curve, distance: 25 * Double.pi)
            #expect(Self.close(o, SIMD3(x, expected, 0)), "\(sign)length: \(String(describing: o))")
        }
    }

    @Test func clothoidSegmentAfterLine() throws {
        // 20 m of line along +X, then a clothoid A = 100 from its inflection point; 50 m into the clothoid
        // the Fresnel series gives x = 49.92193149366026, y = 2.0810093401773635 (y mirrored for A < 0).
        for (a, ySign) in [("100.", 1.0), ("-100.", -1.0)] {
            let curve = """
            #13=IFCVECTOR(#2,1.);
            #14=IFCLINE(#1,#13);
            #15=IFCCARTESIANPOINT((20.,0.));
            #16=IFCAXIS2PLACEMENT2D(#15,#2);
            #17=IFCCLOTHOID(#3,\(a));
            #20=IFCCURVESEGMENT(.CONTINUOUS.,#3,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(20.),#14);
            #21=IFCCURVESEGMENT(.CONTSAMEGRADIENTSAMECURVATURE.,#16,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(80.),#17);
            #30=IFCCOMPOSITECURVE((#20,#21),.F.);
            """
            let o = try Self.origin(curve, distance: 70)
            #expect(Self.close(o, SIMD3(20 + 49.92193149366026, ySign * 2.0810093401773635, 0)),
                    "A=\(a): \(String(describing: o))")
        }
    }

    @Test func gradientCurveElevation() throws {
        // Horizontal: line along +X. Vertical: flat at 5 m until 100, then a 2 % grade line from (100, 5).
        // At 150 the elevation is 6; a vertical offset of 1 follows the tilted normal (−sin, cos).
        let g = 0.02, len = 50 * (1 + g * g).squareRoot()
        let curve = """
        #13=IFCVECTOR(#2,1.);
        #14=IFCLINE(#1,#13);
        #20=IFCCURVESEGMENT(.CONTINUOUS.,#3,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(1000.),#14);
        #21=IFCCOMPOSITECURVE((#20),.F.);
        #22=IFCCARTESIANPOINT((0.,5.));
        #23=IFCAXIS2PLACEMENT2D(#22,#2);
        #24=IFCCURVESEGMENT(.CONTINUOUS.,#23,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(100.),#14);
        #25=IFCCARTESIANPOINT((100.,5.));
        #26=IFCDIRECTION((1.,\(g)));
        #27=IFCAXIS2PLACEMENT2D(#25,#26);
        #28=IFCCURVESEGMENT(.CONTINUOUS.,#27,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(\(len * 2)),#14);
        #30=IFCGRADIENTCURVE((#24,#28),.F.,#21,$);
        """
        let c = 1 / (1 + g * g).squareRoot(), s = g * c
        let o = try Self.origin(curve, distance: 150, vertical: "1.")
        #expect(Self.close(o, SIMD3(150 - s, 0, 6 + c)), "\(String(describing: o))")
    }

    @Test func crestArcStartingOnTheParentXAxis() throws {
        // As in Railway_project_simple: a vertical IfcCircle (R 1000) entered at SegmentStart 0, where its tangent
        // is vertical, walked clockwise (negative length) from (100, 5). 30 m further the elevation is
        // 5 − (R − √(R² − 30²)).
        let curve = """
        #13=IFCVECTOR(#2,1.);
        #14=IFCLINE(#1,#13);
        #20=IFCCURVESEGMENT(.CONTINUOUS.,#3,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(1000.),#14);
        #21=IFCCOMPOSITECURVE((#20),.F.);
        #22=IFCCARTESIANPOINT((0.,5.));
        #23=IFCAXIS2PLACEMENT2D(#22,#2);
        #24=IFCCURVESEGMENT(.CONTINUOUS.,#23,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(100.),#14);
        #25=IFCCARTESIANPOINT((100.,5.));
        #26=IFCAXIS2PLACEMENT2D(#25,#2);
        #27=IFCCIRCLE(#3,1000.);
        #28=IFCCURVESEGMENT(.CONTINUOUS.,#26,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(-50.),#27);
        #30=IFCGRADIENTCURVE((#24,#28),.F.,#21,$);
        """
        let o = try Self.origin(curve, distance: 130)
        let z = 5 - (1000 - (1000.0 * 1000 - 900).squareRoot())
        #expect(Self.close(o.map { SIMD3(0, 0, $0.z) }, SIMD3(0, 0, z)), "\(String(describing: o))")
        #expect(Self.close(o.map { SIMD3($0.x, $0.y, 0) }, SIMD3(130, 0, 0), 1e-3))
    }

    @Test func distanceJustPastTheEndStaysOnTheLastRealSegment() throws {
        // A trailing zero-length segment with a (deliberately) offset placement must not capture the end point.
        let curve = """
        #13=IFCVECTOR(#2,1.);
        #14=IFCLINE(#1,#13);
        #15=IFCCARTESIANPOINT((100.,0.001));
        #16=IFCAXIS2PLACEMENT2D(#15,#2);
        #20=IFCCURVESEGMENT(.CONTINUOUS.,#3,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(100.),#14);
        #21=IFCCURVESEGMENT(.DISCONTINUOUS.,#16,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(0.),#14);
        #30=IFCCOMPOSITECURVE((#20,#21),.F.);
        """
        let o = try Self.origin(curve, distance: 100.0000001)
        #expect(Self.close(o, SIMD3(100.0000001, 0, 0)), "\(String(describing: o))")
    }

    @Test func degenerateCurvesDoNotCrash() throws {
        // Zero radius, zero clothoid constant, a cycle-free but empty composite: no crash, no origin invented.
        for curve in [
            "#14=IFCCIRCLE(#3,0.);\n#20=IFCCURVESEGMENT(.CONTINUOUS.,#3,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(5.),#14);\n#30=IFCCOMPOSITECURVE((#20),.F.);",
            "#14=IFCCLOTHOID(#3,0.);\n#20=IFCCURVESEGMENT(.CONTINUOUS.,#3,IFCLENGTHMEASURE(0.),IFCLENGTHMEASURE(5.),#14);\n#30=IFCCOMPOSITECURVE((#20),.F.);",
            "#30=IFCCOMPOSITECURVE((),.F.);",
            "#30=IFCCARTESIANPOINT((0.,0.));",
        ] {
            #expect(try Self.origin(curve, distance: 1) == nil)
        }
    }
}
