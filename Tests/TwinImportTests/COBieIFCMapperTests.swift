import COBie
import Foundation
import IFC
import STEP
import Testing
@testable import TwinImport

/// The mapping rules on a small hand-written IFC4 model: which elements become components, multi-room
/// containment, zone and system rows, type data from property sets, and diagnostics for gaps.
@Suite struct COBieIFCMapperTests {
    static let text = """
    ISO-10303-21;
    HEADER;
    FILE_DESCRIPTION((''),'2;1');
    FILE_NAME('t.ifc','2026-01-01T00:00:00',(''),(''),'','TestSystem','');
    FILE_SCHEMA(('IFC4'));
    ENDSEC;
    DATA;
    #1=IFCPROJECT('0aaaaaaaaaaaaaaaaaaaa1',$,'Proj',$,$,'Project long',$,$,#2);
    #2=IFCUNITASSIGNMENT((#3));
    #3=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);
    #4=IFCSITE('0aaaaaaaaaaaaaaaaaaaa2',$,'Site A',$,$,$,$,$,$,$,$,$,$,$);
    #5=IFCBUILDING('0aaaaaaaaaaaaaaaaaaaa3',$,'Bldg',$,$,$,$,$,$,$,$,$);
    #6=IFCBUILDINGSTOREY('0aaaaaaaaaaaaaaaaaaaa4',$,'L1',$,$,$,$,'Level one',$,3000.);
    #7=IFCSPACE('0aaaaaaaaaaaaaaaaaaaa5',$,'101',$,$,$,$,'Office',$,$,$);
    #8=IFCSPACE('0aaaaaaaaaaaaaaaaaaaa6',$,'102',$,$,$,$,'Corridor',$,$,$);
    #9=IFCRELAGGREGATES('0aaaaaaaaaaaaaaaaaaaa7',$,$,$,#1,(#4));
    #10=IFCRELAGGREGATES('0aaaaaaaaaaaaaaaaaaaa8',$,$,$,#4,(#5));
    #11=IFCRELAGGREGATES('0aaaaaaaaaaaaaaaaaaaa9',$,$,$,#5,(#6));
    #12=IFCRELAGGREGATES('0aaaaaaaaaaaaaaaaaaa10',$,$,$,#6,(#7,#8));
    #20=IFCWALL('0aaaaaaaaaaaaaaaaaaa20',$,'Wall-1',$,$,$,$,$,$);
    #21=IFCDOOR('0aaaaaaaaaaaaaaaaaaa21',$,'Door-1',$,$,$,$,$,2100.,900.,$,$,$);
    #22=IFCDOOR('0aaaaaaaaaaaaaaaaaaa22',$,'Door-2',$,$,$,$,$,2100.,900.,$,$,$);
    #23=IFCDOORTYPE('0aaaaaaaaaaaaaaaaaaa23',$,'Door Type X','A door',$,(#30),$,$,$,.DOOR.,.SINGLE_SWING_LEFT.,$,$);
    #24=IFCRELDEFINESBYTYPE('0aaaaaaaaaaaaaaaaaaa24',$,$,$,(#21,#22),#23);
    #25=IFCRELCONTAINEDINSPATIALSTRUCTURE('0aaaaaaaaaaaaaaaaaaa25',$,$,$,(#20,#21),#7);
    #26=IFCRELCONTAINEDINSPATIALSTRUCTURE('0aaaaaaaaaaaaaaaaaaa26',$,$,$,(#21),#8);
    #27=IFCRELCONTAINEDINSPATIALSTRUCTURE('0aaaaaaaaaaaaaaaaaaa27',$,$,$,(#22),#6);
    #30=IFCPROPERTYSET('0aaaaaaaaaaaaaaaaaaa30',$,'Pset_ManufacturerTypeInformation',$,(#31,#32));
    #31=IFCPROPERTYSINGLEVALUE('Manufacturer',$,IFCLABEL('acme@example.com'),$);
    #32=IFCPROPERTYSINGLEVALUE('ModelLabel',$,IFCLABEL('D-900'),$);
    #33=IFCPROPERTYSET('0aaaaaaaaaaaaaaaaaaa33',$,'Pset_Component',$,(#34,#35));
    #34=IFCPROPERTYSINGLEVALUE('SerialNumber',$,IFCLABEL('SN-1'),$);
    #35=IFCPROPERTYSINGLEVALUE('InstallationDate',$,IFCLABEL('2020-05-01'),$);
    #36=IFCRELDEFINESBYPROPERTIES('0aaaaaaaaaaaaaaaaaaa36',$,$,$,(#21),#33);
    #40=IFCZONE('0aaaaaaaaaaaaaaaaaaa40',$,'North',$,'Occupancy',$);
    #41=IFCRELASSIGNSTOGROUP('0aaaaaaaaaaaaaaaaaaa41',$,$,$,(#7,#8),$,#40);
    #42=IFCSYSTEM('0aaaaaaaaaaaaaaaaaaa42',$,'Access',$,'Doors');
    #43=IFCRELASSIGNSTOGROUP('0aaaaaaaaaaaaaaaaaaa43',$,$,$,(#21,#22,#20),$,#42);
    ENDSEC;
    END-ISO-10303-21;
    """

    static func map() throws -> COBieIFCMapping {
        let file = try STEPFile(bytes: Array(text.utf8))
        return COBieIFCMapper().map(try IFCModel(file: file))
    }

    @Test func spatialSheets() throws {
        let m = try Self.map().model
        #expect(m.facilities.map(\.name) == ["Bldg"])
        #expect(m.facilities.first?.projectName.value == "Proj")
        #expect(m.facilities.first?.siteName.value == "Site A")
        #expect(m.facilities.first?.linearUnits.value == "millimeters")
        #expect(m.floors.map(\.name) == ["L1"])
        #expect(m.floors.first?.elevation.value == COBieQuantity(value: 3000, unit: "millimeters"))
        #expect(m.spaces.map { [$0.name, $0.floorName.value ?? "", $0.description.value ?? ""] }
                == [["101", "L1", "Office"], ["102", "L1", "Corridor"]])
        #expect(m.zones.map { "\($0.name)/\($0.spaceNames.value ?? [])/\($0.category.value?.text ?? "")" }
                == ["North/[\"101\"]/Occupancy", "North/[\"102\"]/Occupancy"])
    }

    @Test func componentsTypesAndSystems() throws {
        let mapping = try Self.map()
        let m = mapping.model
        // The wall is structure, not an asset: excluded from components and from the system rows.
        #expect(m.components.map(\.name) == ["Door-1", "Door-2"])
        let door1 = try #require(m.components.first)
        #expect(door1.typeName.value == "Door Type X")
        #expect(door1.space.value == ["101", "102"])
        #expect(door1.serialNumber.value == "SN-1")
        #expect(door1.installationDate.value != nil)
        #expect(door1.external.identifier.value == "0aaaaaaaaaaaaaaaaaaa21")
        // Contained only in the storey: the storey is the location COBie gets.
        #expect(m.components.last?.space.value == ["L1"])
        #expect(m.types.map(\.name) == ["Door Type X"])
        #expect(m.types.first?.manufacturer.value == "acme@example.com")
        #expect(m.types.first?.modelNumber.value == "D-900")
        #expect(m.types.first?.description.value == "A door")
        #expect(m.systems.map { "\($0.name)/\($0.componentNames.value ?? [])" } == ["Access/[\"Door-1\"]", "Access/[\"Door-2\"]"])
        // The wall left out of the system is said once, by class, on the system.
        #expect(mapping.diagnostics.contains {
            $0.sheet == "System" && $0.instance == STEPInstanceID(42) && $0.message.contains("1 IfcWall")
        })
    }

    @Test func nothingToMapIsReportedNotFatal() throws {
        let file = try STEPFile(bytes: Array("""
        ISO-10303-21;HEADER;FILE_DESCRIPTION((''),'2;1');FILE_NAME('','',(''),(''),'','','');
        FILE_SCHEMA(('IFC2X3'));ENDSEC;DATA;#1=IFCWALL('x',$,$,$,$,$,$,$);ENDSEC;END-ISO-10303-21;
        """.utf8))
        let mapping = COBieIFCMapper().map(try IFCModel(file: file))
        #expect(mapping.model.components.isEmpty)
        #expect(mapping.model.facilities.isEmpty)
        #expect(mapping.diagnostics.contains { $0.sheet == "Facility" && $0.severity == .error })
    }
}
