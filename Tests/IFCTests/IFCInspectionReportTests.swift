import Foundation
import IFC
import STEP
import Testing

@Suite struct IFCInspectionReportTests {
    @Test func jsonDocumentHasTheContractFieldsAndNulls() throws {
        let m = try IFCModelTests.model("IFC4", IFCModelTests.building)
        let report = IFCInspection.report(for: m)
        let object = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        for key in ["schema", "instances", "counts", "project", "length_unit_in_metres", "spatial", "elements",
                    "pset_total", "property_total", "world_origin_m", "diagnostics"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["schema"] as? String == "IFC4")
        let elements = try #require(object["elements"] as? [[String: Any]])
        let door = try #require(elements.first { $0["id"] as? String == "0door" })
        #expect(door["type_object"] is NSNull)  // null is written, not omitted
        #expect(door["container"] as? String == "0sto")
        let spatial = try #require(object["spatial"] as? [[String: Any]])
        #expect(spatial.first { $0["id"] as? String == "0sto" }?["elevation"] as? Double == 3000)
        #expect(spatial.first { $0["id"] as? String == "0site" }?.keys.contains("elevation") == false)
        // Decoding the JSON back gives the same report.
        let decoded = try JSONDecoder().decode(IFCInspectionReport.self, from: report.jsonData())
        #expect(decoded == report)
    }

    @Test func humanSummaryShowsSchemaTreeAndDiagnostics() throws {
        let m = try IFCModelTests.model("IFC4X3_RC2", IFCModelTests.building)
        let text = IFCInspection.report(for: m).humanSummary()
        #expect(text.contains("Schema        IFC4X3_RC2"))
        #expect(text.contains("      IfcBuildingStorey L1 @ 3000.0"))
        #expect(text.contains("warning: FILE_SCHEMA 'IFC4X3_RC2'"))
    }
}
