import Foundation
import IFC
import STEP
import Testing

@Suite struct IFCAssociationTests {
    static let data = """
    #1=IFCPROJECT('0proj',$,'P',$,$,$,$,$,#2);
    #2=IFCUNITASSIGNMENT((#3));
    #3=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);
    #10=IFCSITE('0site',$,'Site',$,$,$,$,$,.ELEMENT.,(52,30,36,500000),(-1,-15,0,0),34000.,$,$);
    #11=IFCBUILDING('0bldg',$,'B',$,$,$,$,$,.ELEMENT.,$,$,$);
    #12=IFCRELAGGREGATES('0r1',$,$,$,#1,(#10));
    #13=IFCRELAGGREGATES('0r2',$,$,$,#10,(#11));
    #20=IFCWALL('0wall',$,'W',$,$,$,$,$,.STANDARD.);
    #21=IFCWALLTYPE('0wt',$,'WT',$,$,$,$,$,$,.STANDARD.);
    #22=IFCRELDEFINESBYTYPE('0r3',$,$,$,(#20),#21);
    #30=IFCMATERIAL('Concrete',$,$);
    #31=IFCMATERIALLAYER(#30,200.,$,'Core',$,$,$);
    #32=IFCMATERIALLAYERSET((#31),'Wall 200',$);
    #33=IFCRELASSOCIATESMATERIAL('0r4',$,$,$,(#21),#32);
    #40=IFCCLASSIFICATION($,$,$,'Uniclass',$,$,$);
    #41=IFCCLASSIFICATIONREFERENCE($,'EF_25_10','Walls',#40,$,$);
    #42=IFCRELASSOCIATESCLASSIFICATION('0r5',$,$,$,(#20),#41);
    #50=IFCDISTRIBUTIONSYSTEM('0sys',$,'Heating',$,$,$,.HEATING.);
    #51=IFCRELASSIGNSTOGROUP('0r6',$,$,$,(#20),$,#50);
    #52=IFCRELSERVICESBUILDINGS('0r7',$,$,$,#50,(#11));
    #53=IFCZONE('0zone',$,'Zone A',$,$,$);
    #54=IFCRELASSIGNSTOGROUP('0r8',$,$,$,(#20),$,#53);
    #60=IFCPROJECTEDCRS('EPSG:25832',$,'ETRS89',$,$,$,$);
    #61=IFCMAPCONVERSION(#62,#60,458000.,5438000.,110.,0.8,0.6,$);
    #62=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#63,$);
    #63=IFCAXIS2PLACEMENT3D(#64,$,$);
    #64=IFCCARTESIANPOINT((0.,0.,0.));
    """

    @Test func materialsAreInheritedFromTheType() throws {
        let m = try IFCModelTests.model("IFC4", Self.data)
        let material = try #require(m.material(of: STEPInstanceID(20)))
        guard case .layerSet(_, let name, let layers, let usage) = material else {
            Issue.record("expected a layer set, got \(material)")
            return
        }
        #expect(name == "Wall 200")
        #expect(!usage)
        #expect(layers == [.init(material: "Concrete", thickness: 200, name: "Core")])
        #expect(m.material(of: STEPInstanceID(20), inheritFromType: false) == nil)
    }

    @Test func classificationsSystemsAndZones() throws {
        let m = try IFCModelTests.model("IFC4", Self.data)
        let wall = STEPInstanceID(20)
        let c = try #require(m.classifications(of: wall).first)
        #expect(c.identification == "EF_25_10")
        #expect(c.name == "Walls")
        #expect(c.source == "Uniclass")
        #expect(m.systems(of: wall) == [STEPInstanceID(50)])
        #expect(m.zones(of: wall) == [STEPInstanceID(53)])
        #expect(m.groupMembers(of: STEPInstanceID(50)) == [wall])
        #expect(m.servedBuildings(of: STEPInstanceID(50)) == [STEPInstanceID(11)])
    }

    @Test func georeferencingAndSpatialTree() throws {
        let m = try IFCModelTests.model("IFC4", Self.data)
        let g = m.georeference()
        #expect(abs((g.latitude ?? 0) - (52 + 30.0 / 60 + 36.5 / 3600)) < 1e-9)
        #expect(abs((g.longitude ?? 0) + (1 + 15.0 / 60)) < 1e-9)
        #expect(g.elevation == 34)
        #expect(g.eastings == 458000)
        #expect(g.crsName == "EPSG:25832")
        #expect(g.xAxisAbscissa == 0.8)
        let tree = m.spatialTree()
        #expect(tree.map(\.entity) == ["IfcProject", "IfcSite", "IfcBuilding"])
        #expect(tree.map(\.parent) == [nil, 0, 1])
    }
}
