import Foundation
import IFC
import IFCGeometry
import Testing

/// The IFC → geometry mapping on small hand-written files: units, placements, openings, instancing,
/// colours, containers, and hostile input that must end in diagnostics.
@Suite struct IFCMappingTests {
    static func model(_ data: String) throws -> IFCModel {
        let text = """
        ISO-10303-21;
        HEADER;
        FILE_DESCRIPTION((''),'2;1');
        FILE_NAME('t.ifc','2026-01-01T00:00:00',(''),(''),'','','');
        FILE_SCHEMA(('IFC4'));
        ENDSEC;
        DATA;
        #1=IFCPROJECT('0000000000000000000001',$,'P',$,$,$,$,(#20),#10);
        #10=IFCUNITASSIGNMENT((#11));
        #11=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);
        #20=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#21,$);
        #21=IFCAXIS2PLACEMENT3D(#22,$,$);
        #22=IFCCARTESIANPOINT((0.,0.,0.));
        #23=IFCCARTESIANPOINT((0.,0.));
        #24=IFCDIRECTION((0.,0.,1.));
        #30=IFCSITE('0000000000000000000002',$,'Site',$,$,#31,$,$,.ELEMENT.,$,$,$,$,$);
        #31=IFCLOCALPLACEMENT($,#21);
        #32=IFCRELAGGREGATES('0000000000000000000003',$,$,$,#1,(#30));
        #33=IFCRELAGGREGATES('0000000000000000000004',$,$,$,#30,(#40));
        #40=IFCBUILDINGSTOREY('0000000000000000000005',$,'L1',$,$,#41,$,$,.ELEMENT.,0.);
        #41=IFCLOCALPLACEMENT(#31,#42);
        #42=IFCAXIS2PLACEMENT3D(#43,$,$);
        #43=IFCCARTESIANPOINT((1000.,2000.,3000.));
        \(data)
        ENDSEC;
        END-ISO-10303-21;
        """
        return try IFCModel(file: STEPFile(bytes: Array(text.utf8)))
    }

    static let building = """
    #50=IFCWALL('0000000000000000000W01',$,'W',$,$,#51,#60,$,$);
    #51=IFCLOCALPLACEMENT(#41,#21);
    #60=IFCPRODUCTDEFINITIONSHAPE($,$,(#61,#62));
    #61=IFCSHAPEREPRESENTATION(#20,'Axis','Curve2D',(#70));
    #62=IFCSHAPEREPRESENTATION(#20,'Body','SweptSolid',(#63));
    #63=IFCEXTRUDEDAREASOLID(#64,#21,#24,3000.);
    #64=IFCRECTANGLEPROFILEDEF(.AREA.,$,#65,4000.,200.);
    #65=IFCAXIS2PLACEMENT2D(#66,$);
    #66=IFCCARTESIANPOINT((2000.,100.));
    #70=IFCPOLYLINE((#23,#71));
    #71=IFCCARTESIANPOINT((4000.,0.));
    #80=IFCRELCONTAINEDINSPATIALSTRUCTURE('0000000000000000000006',$,$,$,(#50,#90,#91),#40);
    #100=IFCOPENINGELEMENT('0000000000000000000O01',$,'O',$,$,#101,#102,$,.OPENING.);
    #101=IFCLOCALPLACEMENT(#51,#103);
    #103=IFCAXIS2PLACEMENT3D(#104,$,$);
    #104=IFCCARTESIANPOINT((1000.,-100.,0.));
    #102=IFCPRODUCTDEFINITIONSHAPE($,$,(#105));
    #105=IFCSHAPEREPRESENTATION(#20,'Body','SweptSolid',(#106));
    #106=IFCEXTRUDEDAREASOLID(#107,#21,#24,3500.);
    #107=IFCRECTANGLEPROFILEDEF(.AREA.,$,#108,1000.,400.);
    #108=IFCAXIS2PLACEMENT2D(#109,$);
    #109=IFCCARTESIANPOINT((500.,200.));
    #110=IFCRELVOIDSELEMENT('0000000000000000000007',$,$,$,#50,#100);
    #120=IFCREPRESENTATIONMAP(#21,#121);
    #121=IFCSHAPEREPRESENTATION(#20,'Body','SweptSolid',(#122));
    #122=IFCEXTRUDEDAREASOLID(#123,#21,#24,1000.);
    #123=IFCRECTANGLEPROFILEDEF(.AREA.,$,#124,500.,500.);
    #124=IFCAXIS2PLACEMENT2D(#23,$);
    #130=IFCSTYLEDITEM(#122,(#131),$);
    #131=IFCSURFACESTYLE('Red',.BOTH.,(#132));
    #132=IFCSURFACESTYLERENDERING(#133,0.,$,$,$,$,$,$,.NOTDEFINED.);
    #133=IFCCOLOURRGB($,1.,0.,0.);
    #90=IFCFURNITURE('0000000000000000000F01',$,'F1',$,$,#92,#94,$,$);
    #92=IFCLOCALPLACEMENT(#41,#93);
    #93=IFCAXIS2PLACEMENT3D(#95,$,$);
    #95=IFCCARTESIANPOINT((0.,5000.,0.));
    #94=IFCPRODUCTDEFINITIONSHAPE($,$,(#96));
    #96=IFCSHAPEREPRESENTATION(#20,'Body','MappedRepresentation',(#97));
    #97=IFCMAPPEDITEM(#120,#98);
    #98=IFCCARTESIANTRANSFORMATIONOPERATOR3D($,$,#22,$,$);
    #91=IFCFURNITURE('0000000000000000000F02',$,'F2',$,$,#99,#94,$,$);
    #99=IFCLOCALPLACEMENT(#41,#111);
    #111=IFCAXIS2PLACEMENT3D(#112,$,$);
    #112=IFCCARTESIANPOINT((3000.,5000.,0.));
    """

    static func near(_ a: Vec3, _ b: Vec3, _ tol: Double = 1e-6) -> Bool {
        abs(a.x - b.x) <= tol && abs(a.y - b.y) <= tol && abs(a.z - b.z) <= tol
    }

    @Test func wallInMillimetresWithOpeningAndInstancedFurniture() async throws {
        let result = await IFCGeometryExtractor(model: try Self.model(Self.building)).extract()
        #expect(result.products.count == 3)
        let byID = Dictionary(uniqueKeysWithValues: result.products.map { ($0.globalId, $0) })
        let wall = try #require(byID["0000000000000000000W01"])
        #expect(Self.near(wall.bounds.min, Vec3(1, 2, 3)) && Self.near(wall.bounds.max, Vec3(5, 2.2, 6)))
        #expect(wall.containerGlobalId == "0000000000000000000005")
        // 4 × 0.2 × 3 m minus the 1 m wide opening through the full height.
        let scene = result.scene
        let wallProduct = try #require(scene.products.first { $0.globalId == wall.globalId })
        let volume = wallProduct.instances.reduce(0.0) { $0 + (scene.meshes[$1.meshID]?.signedVolume ?? 0) }
        #expect(abs(volume - 1.8) < 1e-6)
        #expect(result.boundingBoxes()["0000000000000000000O01"] == nil)

        let f1 = try #require(byID["0000000000000000000F01"])
        #expect(Self.near(f1.bounds.min, Vec3(0.75, 6.75, 3)) && Self.near(f1.bounds.max, Vec3(1.25, 7.25, 4)))
        let p1 = try #require(scene.products.first { $0.globalId == "0000000000000000000F01" })
        let p2 = try #require(scene.products.first { $0.globalId == "0000000000000000000F02" })
        #expect(p1.instances.map(\.meshID) == p2.instances.map(\.meshID))
        let red = try #require(p1.instances.first?.materialID.flatMap { scene.materials[$0] })
        #expect(red.red == 1 && red.green == 0 && red.blue == 0)

        let storey = result.glb(.container("0000000000000000000005"))
        #expect(storey.productCount == 3)
        #expect(storey.meshCount == 2)
        #expect(result.glb(.products(["0000000000000000000F02"])).productCount == 1)
    }

    @Test func hostileItemsEndInDiagnostics() async throws {
        let data = """
        #50=IFCWALL('0000000000000000000H01',$,'cyclic map',$,$,#51,#60,$,$);
        #51=IFCLOCALPLACEMENT(#41,#21);
        #60=IFCPRODUCTDEFINITIONSHAPE($,$,(#61));
        #61=IFCSHAPEREPRESENTATION(#20,'Body','MappedRepresentation',(#62));
        #62=IFCMAPPEDITEM(#63,#65);
        #63=IFCREPRESENTATIONMAP(#21,#64);
        #64=IFCSHAPEREPRESENTATION(#20,'Body','MappedRepresentation',(#62));
        #65=IFCCARTESIANTRANSFORMATIONOPERATOR3D($,$,#22,$,$);
        #70=IFCWALL('0000000000000000000H02',$,'self boolean',$,$,#51,#71,$,$);
        #71=IFCPRODUCTDEFINITIONSHAPE($,$,(#72));
        #72=IFCSHAPEREPRESENTATION(#20,'Body','CSG',(#73));
        #73=IFCBOOLEANRESULT(.DIFFERENCE.,#73,#73);
        #80=IFCWALL('0000000000000000000H03',$,'zero extrusion',$,$,#51,#81,$,$);
        #81=IFCPRODUCTDEFINITIONSHAPE($,$,(#82));
        #82=IFCSHAPEREPRESENTATION(#20,'Body','SweptSolid',(#83));
        #83=IFCEXTRUDEDAREASOLID(#84,#21,#24,0.);
        #84=IFCRECTANGLEPROFILEDEF(.AREA.,$,$,100.,100.);
        #90=IFCWALL('0000000000000000000H04',$,'collinear profile',$,$,#51,#91,$,$);
        #91=IFCPRODUCTDEFINITIONSHAPE($,$,(#92));
        #92=IFCSHAPEREPRESENTATION(#20,'Body','SweptSolid',(#93));
        #93=IFCEXTRUDEDAREASOLID(#94,#21,#24,100.);
        #94=IFCARBITRARYCLOSEDPROFILEDEF(.AREA.,$,#95);
        #95=IFCPOLYLINE((#23,#96,#97,#23));
        #96=IFCCARTESIANPOINT((1.,0.));
        #97=IFCCARTESIANPOINT((2.,0.));
        #100=IFCWALL('0000000000000000000H05',$,'huge coordinates',$,$,#101,#81,$,$);
        #101=IFCLOCALPLACEMENT($,#102);
        #102=IFCAXIS2PLACEMENT3D(#103,$,$);
        #103=IFCCARTESIANPOINT((1.E300,1.E300,1.E300));
        """
        let result = await IFCGeometryExtractor(model: try Self.model(data)).extract()
        #expect(result.products.isEmpty)
        #expect(Set(result.skipped) == ["0000000000000000000H01", "0000000000000000000H02", "0000000000000000000H03",
                                        "0000000000000000000H04", "0000000000000000000H05"])
        let codes = Set(result.diagnostics.map(\.code))
        #expect(codes.contains("item.cycle"))
        #expect(codes.contains("extrusion.depth"))
        _ = result.glb()
    }
}
