import Foundation
import Testing
import TwinDomain
@testable import TwinImport

/// A hand-written SpreadsheetML COBie workbook: units, rack contents by Atrium_Device.RackTag (no
/// Assembly sheet), Coordinate rows, keys without ExtIdentifiers.
@Suite struct TwinImporterCOBieTests {
    static func sheet(_ name: String, _ headers: [String], _ rows: [[String]]) -> String {
        func row(_ cells: [String]) -> String {
            "<Row>" + cells.map { "<Cell><Data ss:Type=\"String\">\($0)</Data></Cell>" }.joined() + "</Row>"
        }
        return "<Worksheet ss:Name=\"\(name)\"><Table>" + row(headers) + rows.map(row).joined() + "</Table></Worksheet>"
    }

    static let workbook: String = {
        let sheets = [
            sheet("Facility", ["Name", "ProjectName", "SiteName", "LinearUnits", "AreaUnits"],
                  [["Lab", "Lab project", "Lab site", "millimeters", "squaremeters"]]),
            sheet("Floor", ["Name", "Elevation", "Height"], [["L0", "0", "4500"], ["L1", "4500", "4500"]]),
            sheet("Space", ["Name", "FloorName", "NetArea"], [["Server room", "L1", "42.5"], ["Lost room", "L9", "1"]]),
            sheet("Type", ["Name", "Category", "Manufacturer", "ExtObject"],
                  [["Rack 42U", "23-33 15 11: Equipment Racks", "Acme", "IfcFurnitureType"],
                   ["Server 2U", "23-33 15 13: Servers", "Acme", "IfcCommunicationsApplianceType"]]),
            sheet("Component", ["Name", "TypeName", "Space", "SerialNumber", "TagNumber", "ExtObject"],
                  [["R1", "Rack 42U", "Server room", "SN-R1", "TAG-R1", "IfcFurniture"],
                   ["S1", "Server 2U", "Server room", "SN-S1", "TAG-S1", "IfcCommunicationsAppliance"],
                   ["S2", "Server 2U", "Server room", "SN-S2", "TAG-S2", "IfcCommunicationsAppliance"]]),
            sheet("Attribute", ["Name", "SheetName", "RowName", "Value", "Unit", "ExtObject"],
                  [["UHeight", "Component", "R1", "42", "U", "Atrium_Rack"],
                   ["UPosition", "Component", "S1", "3", "U", "Atrium_Device"],
                   ["UHeight", "Component", "S1", "2", "U", "Atrium_Device"],
                   ["RackTag", "Component", "S1", "TAG-R1", "n/a", "Atrium_Device"],
                   ["PowerDrawW", "Component", "S1", "350", "W", "Atrium_Device"],
                   ["UPosition", "Component", "S2", "4", "U", "Atrium_Device"],
                   ["RackTag", "Component", "S2", "R1", "n/a", "Atrium_Device"]]),
            sheet("Coordinate", ["Name", "Category", "SheetName", "RowName", "CoordinateXAxis", "CoordinateYAxis", "CoordinateZAxis"],
                  [["R1 origin", "point", "Component", "R1", "1000", "2000", "4500"]]),
        ]
        return "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" "
            + "xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">" + sheets.joined() + "</Workbook>"
    }()

    @Test func spreadsheetMLWorkbookWithRackTags() async throws {
        let url = try ImportSnifferTests.file(Array(Self.workbook.utf8), name: "handover.xml")
        #expect(try ImportSniffer.sniff(fileAt: url) == .cobieSpreadsheetML)
        let sink = TwinImporterSampleTests.DocumentSink()
        let batch = try await TwinImporter().importFile(at: url, format: .cobieSpreadsheetML, rules: .default,
                                                        progress: { _, _ in }) { await sink.add($0) }
        #expect(batch.projectKey == "Lab")
        #expect(batch.site.name == "Lab site")
        #expect(batch.floors.map(\.elevation) == [0, 4.5], "millimetres scaled to metres")
        #expect(batch.spaces.map(\.name) == ["Server room"], "a space on an unknown floor is reported, not imported")
        #expect(batch.messages.contains { $0.code == "cobie.reference" && $0.location == "Space row 3" })
        #expect(batch.spaces.first?.area == 42.5)

        let rack = try #require(batch.assets.first { $0.name == "R1" })
        #expect(rack.key == "cobie:Component/R1")
        #expect(rack.kind == .rack && rack.rack?.uHeight == 42 && rack.classifiedBy == "atrium-rack-pset")
        #expect(rack.position == Point3D(x: 1, y: 2, z: 4.5))
        #expect(rack.spaceKey == "cobie:Space/Server room" && rack.floorKey == "cobie:Floor/L1")
        let s1 = try #require(batch.assets.first { $0.name == "S1" })
        #expect(s1.kind == .device && s1.parentKey == rack.key, "RackTag by tag")
        #expect(s1.mounting == RackMounting(uPosition: 3, uHeight: 2) && s1.powerDrawW == 350)
        let s2 = try #require(batch.assets.first { $0.name == "S2" })
        #expect(s2.parentKey == rack.key, "RackTag by name")
        #expect(s2.mounting == RackMounting(uPosition: 4, uHeight: 1))
        // S1 occupies U3–U4, so S2 at U4 overlaps: validation keeps S1's place.
        let checked = batch.validated()
        #expect(checked.assets.first { $0.name == "S2" }?.mounting == nil)
        #expect(checked.messages.contains { $0.code == ImportBatch.ValidationCode.mountingOverlap })

        #expect(batch.types.map(\.name).sorted() == ["Rack 42U", "Server 2U"])
        #expect(batch.types.first { $0.name == "Server 2U" }?.kind == .device)
        let documents = await sink.documents
        let s1Document = try #require(documents.first { $0.globalID == s1.key })
        #expect(s1Document.ifcType == "COBie.Component")
        #expect(s1Document.propertySets["Atrium_Device"]?["RackTag"] == .object(["value": .string("TAG-R1")]))
        #expect(s1Document.attributes["serialNumber"] == .string("SN-S1"))
        let typeDocument = try #require(documents.first { $0.ifcType == "COBie.Type" && $0.name == "Server 2U" })
        #expect(typeDocument.classifications == [.object(["code": .string("23-33 15 13"), "system": .string("OmniClass"),
                                                          "name": .string("Servers")])])
    }
}
