import Foundation
import IFC
import STEP
import Testing

/// Small hand-written models exercising the rules one at a time (no ../shared needed).
@Suite struct IFCModelTests {
    static func model(_ schema: String, _ data: String) throws -> IFCModel {
        let text = """
        ISO-10303-21;
        HEADER;
        FILE_DESCRIPTION(('ViewDefinition [CoordinationView]'),'2;1');
        FILE_NAME('t.ifc','2024-01-01T00:00:00',(''),(''),'','','');
        FILE_SCHEMA(('\(schema)'));
        ENDSEC;
        DATA;
        \(data)
        ENDSEC;
        END-ISO-10303-21;
        """
        return try IFCModel(file: STEPFile(bytes: Array(text.utf8)))
    }

    /// Project → site → building → storey with a wall, an opening in it and a door filling the opening,
    /// in millimetres, storey rotated 90° about Z and lifted 3 m.
    static let building = """
    #1=IFCPROJECT('0proj',$,'P',$,$,$,$,(#9),#2);
    #2=IFCUNITASSIGNMENT((#3,#4));
    #3=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);
    #4=IFCSIUNIT(*,.AREAUNIT.,.MILLI.,.SQUARE_METRE.);
    #9=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#20,$);
    #10=IFCSITE('0site',$,'Site',$,$,#30,$,$,.ELEMENT.,(52,30,0,0),(13,24,0,0),34.,$,$);
    #11=IFCBUILDING('0bldg',$,'B',$,$,#31,$,$,.ELEMENT.,$,$,$);
    #12=IFCBUILDINGSTOREY('0sto',$,'L1','Level 1',$,#32,$,$,.ELEMENT.,3000.);
    #13=IFCRELAGGREGATES('0r1',$,$,$,#1,(#10));
    #14=IFCRELAGGREGATES('0r2',$,$,$,#10,(#11));
    #15=IFCRELAGGREGATES('0r3',$,$,$,#11,(#12));
    #20=IFCAXIS2PLACEMENT3D(#21,$,$);
    #21=IFCCARTESIANPOINT((0.,0.,0.));
    #22=IFCCARTESIANPOINT((0.,0.,3000.));
    #23=IFCDIRECTION((1.,0.,0.));
    #24=IFCDIRECTION((0.,1.,0.));
    #25=IFCDIRECTION((0.,0.,1.));
    #26=IFCCARTESIANPOINT((1000.,0.,0.));
    #30=IFCLOCALPLACEMENT($,#20);
    #31=IFCLOCALPLACEMENT(#30,#20);
    #32=IFCLOCALPLACEMENT(#31,#33);
    #33=IFCAXIS2PLACEMENT3D(#22,#25,#24);
    #34=IFCLOCALPLACEMENT(#32,#35);
    #35=IFCAXIS2PLACEMENT3D(#26,$,$);
    #40=IFCWALL('0wall',$,'W',$,$,#34,$,$,.STANDARD.);
    #41=IFCOPENINGELEMENT('0open',$,'O',$,$,#34,$,$,.OPENING.);
    #42=IFCDOOR('0door',$,'D',$,$,#34,$,$,2100.,900.,.DOOR.,$,$);
    #43=IFCRELCONTAINEDINSPATIALSTRUCTURE('0r4',$,$,$,(#40),#12);
    #44=IFCRELVOIDSELEMENT('0r5',$,$,$,#40,#41);
    #45=IFCRELFILLSELEMENT('0r6',$,$,$,#41,#42);
    #50=IFCWALLTYPE('0wtype',$,'WT',$,$,(#51),$,$,$,.STANDARD.);
    #51=IFCPROPERTYSET('0ps1',$,'Pset_WallCommon',$,(#52,#53));
    #52=IFCPROPERTYSINGLEVALUE('IsExternal',$,IFCBOOLEAN(.F.),$);
    #53=IFCPROPERTYSINGLEVALUE('FireRating',$,IFCLABEL('EI30'),$);
    #54=IFCRELDEFINESBYTYPE('0r7',$,$,$,(#40),#50);
    #55=IFCPROPERTYSET('0ps2',$,'Pset_WallCommon',$,(#56,#57));
    #56=IFCPROPERTYSINGLEVALUE('IsExternal',$,IFCBOOLEAN(.T.),$);
    #57=IFCPROPERTYREFERENCEVALUE('Ref',$,$,$);
    #58=IFCELEMENTQUANTITY('0q1',$,'Qto_WallBaseQuantities',$,$,(#59));
    #59=IFCQUANTITYLENGTH('Length',$,$,5000.,$);
    #60=IFCRELDEFINESBYPROPERTIES('0r8',$,$,$,(#40),#55);
    #61=IFCRELDEFINESBYPROPERTIES('0r9',$,$,$,(#40),#58);
    """

    @Test func containmentIsInheritedThroughVoidsAndFills() throws {
        let m = try Self.model("IFC4", Self.building)
        let storey = STEPInstanceID(12)
        #expect(m.container(of: STEPInstanceID(40)) == storey)
        #expect(m.directContainer(of: STEPInstanceID(41)) == nil)
        #expect(m.container(of: STEPInstanceID(41)) == storey)  // opening → voided wall → storey
        #expect(m.container(of: STEPInstanceID(42)) == storey)  // door → filled opening → wall → storey
        #expect(m.aggregate(of: storey) == STEPInstanceID(11))
        #expect(m.parts(of: STEPInstanceID(1)) == [STEPInstanceID(10)])
        #expect(m.containedElements(of: storey) == [STEPInstanceID(40)])
    }

    @Test func typeAndPropertySetsMergeWithOccurrenceWinning() throws {
        let m = try Self.model("IFC4", Self.building)
        let wall = STEPInstanceID(40)
        #expect(m.typeObject(of: wall) == STEPInstanceID(50))
        let sets = m.propertySets(of: wall)
        #expect(sets.map(\.name) == ["Pset_WallCommon", "Qto_WallBaseQuantities"])
        let common = try #require(sets.first)
        let external = try #require(common.properties.first { $0.name == "IsExternal" })
        #expect(external.value == .single(.typed("IFCBOOLEAN", [.enumeration("T")]), unit: nil))
        #expect(common.properties.contains { $0.name == "FireRating" })
        let quantity = try #require(sets.last?.properties.first)
        #expect(quantity.value == .quantity(kind: "IfcQuantityLength", value: 5000, unit: nil))
        // Report counts: 2 sets; IsExternal + FireRating (the reference value is not listed) + Length.
        let report = IFCInspection.report(for: m)
        let row = try #require(report.elements.first { $0.id == "0wall" })
        #expect(row.psets == 2)
        #expect(row.properties == 3)
        #expect(row.typeObject == "0wtype")
        #expect(row.predefined == "STANDARD")
        #expect(report.elements.first { $0.id == "0door" }?.container == "0sto")
        #expect(report.spatial.first { $0.id == "0sto" }?.elevation == 3000)
    }

    @Test func unitsAndWorldPlacements() throws {
        let m = try Self.model("IFC4", Self.building)
        #expect(m.lengthUnitInMetres == 0.001)
        #expect(abs(m.unitScale("AREAUNIT") - 1e-6) < 1e-18)
        let report = IFCInspection.report(for: m)
        // Storey at z = 3 m rotated so local X is world Y: the wall's local (1000, 0, 0) mm lands at (0, 1, 3) m.
        guard case .point(let p) = try #require(report.worldOriginM["0wall"]) else {
            Issue.record("no origin")
            return
        }
        #expect(abs(p[0]) < 1e-9 && abs(p[1] - 1) < 1e-9 && abs(p[2] - 3) < 1e-9)
        #expect(report.lengthUnitInMetres == 0.001)
        #expect(report.project?.name == "P")
    }

    @Test func conversionBasedUnitsFollowTheirFactor() throws {
        let m = try Self.model("IFC2X3", """
        #1=IFCPROJECT('0p',$,'P',$,$,$,$,$,#2);
        #2=IFCUNITASSIGNMENT((#3));
        #3=IFCCONVERSIONBASEDUNIT(#4,.LENGTHUNIT.,'FOOT',#5);
        #4=IFCDIMENSIONALEXPONENTS(1,0,0,0,0,0,0);
        #5=IFCMEASUREWITHUNIT(IFCLENGTHMEASURE(304.8),#6);
        #6=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);
        """)
        #expect(abs(m.lengthUnitInMetres - 0.3048) < 1e-12)
    }

    @Test func cyclicPlacementsAreDiagnosedNotFollowed() throws {
        let m = try Self.model("IFC4", """
        #1=IFCLOCALPLACEMENT(#2,#10);
        #2=IFCLOCALPLACEMENT(#1,#10);
        #10=IFCAXIS2PLACEMENT3D(#11,$,$);
        #11=IFCCARTESIANPOINT((0.,0.,0.));
        #20=IFCWALL('0w',$,$,$,$,#1,$,$,$);
        """)
        let report = IFCInspection.report(for: m)
        guard case .error = try #require(report.worldOriginM["0w"]) else {
            Issue.record("cycle not detected")
            return
        }
        let d = try #require(report.diagnostics.first { $0.message.contains("loops back") })
        #expect(d.line > 0 && d.column > 0)
    }

    @Test func argumentCountAndDanglingReferencesAreReportedWithPositions() throws {
        let m = try Self.model("IFC4", """
        #1=IFCCARTESIANPOINT((0.,0.,0.),'extra');
        #2=IFCLOCALPLACEMENT($,#99);
        #3=IFCWALL('0w',$,'it''s, (tricky)',$,$,#2,$,$,$);
        """)
        let report = IFCInspection.report(for: m)
        let count = try #require(report.diagnostics.first { $0.message.contains("IfcCartesianPoint has 2 arguments") })
        #expect(count.line == 8)
        #expect(!report.diagnostics.contains { $0.message.contains("IfcWall has") })
        #expect(report.diagnostics.contains { $0.message.contains("#99") })
    }

    @Test func ifc2x3TypesComeThroughIsDefinedBy() throws {
        let m = try Self.model("IFC2X3", """
        #1=IFCWALL('0w',#9,$,$,$,$,$,$);
        #2=IFCWALLTYPE('0t',#9,'T',$,$,$,$,$,$,.STANDARD.);
        #3=IFCRELDEFINESBYTYPE('0r',#9,$,$,(#1),#2);
        #9=IFCOWNERHISTORY($,$,$,.NOCHANGE.,$,$,$,0);
        """)
        #expect(m.typeObject(of: STEPInstanceID(1)) == STEPInstanceID(2))
        #expect(m.occurrences(ofType: STEPInstanceID(2)) == [STEPInstanceID(1)])
        #expect(m[STEPInstanceID(2), "PredefinedType"] == .enumeration("STANDARD"))
        #expect(m.isA(STEPInstanceID(1), "IfcBuildingElement"))
    }

    @Test func unknownSchemasAreRejectedAndNearOnesWarn() throws {
        #expect(throws: IFCError.unsupportedSchema("CIS2")) { try Self.model("CIS2", "") }
        let m = try Self.model("IFC4X3_RC2", "#1=IFCWALL('0w',$,$,$,$,$,$,$,$);")
        #expect(m.schema.id == .ifc4x3)
        #expect(m.diagnostics.contains { $0.severity == .warning && $0.message.contains("IFC4X3_RC2") })
    }

    @Test func hostileInputNeverCrashes() throws {
        let inputs = [
            "#1=IFCWALL(", "#1=IFCRELAGGREGATES('x',$,$,$,#1,(#1));#1=IFCWALL('0w',$,$,$,$,$,$,$,$);",
            "#1=IFCLOCALPLACEMENT(#1,#1);#2=IFCWALL('0w',$,$,$,$,#1,$,$,$);",
            "#1=IFCRELAGGREGATES('a',$,$,$,#2,(#3));#2=IFCBUILDINGSTOREY('s',$,$,$,$,$,$,$,$,$);"
                + "#3=IFCBUILDINGSTOREY('t',$,$,$,$,$,$,$,$,$);#4=IFCRELAGGREGATES('b',$,$,$,#3,(#2));",
        ]
        for data in inputs {
            if let m = try? Self.model("IFC4", data) {
                let r = IFCInspection.report(for: m)
                #expect(r.instances >= 0)
            }
        }
    }
}
