import COBie
import Foundation
import Testing

/// The validation report on a small workbook with one deliberate mistake of each kind.
struct ValidationTests {
    typealias F = WorkbookFixture
    static let who = "fm@example.com"
    static let when = "2012-03-23T10:24:06"

    static func workbook() throws -> COBieReadResult {
        let contact = F.row(1, ["Email", "CreatedBy", "CreatedOn", "Category", "Company", "Phone"])
            + F.row(2, [who, who, when, "Owner", "ACME", "555"])
        let facility = F.row(1, ["Name", "CreatedBy", "CreatedOn", "Category", "ProjectName", "SiteName", "LinearUnits", "AreaUnits", "VolumeUnits", "CurrencyUnit", "AreaMeasurement"])
            + F.row(2, ["HQ", who, when, "11-13 24 14: Clinic", "P", "S", "meters", "squaremeters", "cubicmeters", "Dollars", "n/a"])
        let floor = F.row(1, ["Name", "CreatedBy", "CreatedOn", "Category", "Elevation"])
            + F.row(2, ["Level 1", who, when, "Floor", "0"])
            + F.row(3, ["Level 2", who, when, "Floor", "3,1m"])
        let space = F.row(1, ["Name", "CreatedBy", "CreatedOn", "Category", "FloorName", "Description"])
            + F.row(2, ["B101", who, when, "13-11 00 00: Office", "Level 1", "Office"])
            + F.row(3, ["B102", who, when, "13-11 00 00: Office", "Level 9", "Office"])
            + F.row(4, ["n/a", who, when, "13-11 00 00: Office", "Level 1", "Office"])
        let type = F.row(1, ["Name", "CreatedBy", "CreatedOn", "Category", "Description", "AssetType"])
            + F.row(2, ["Boiler", who, when, "23-13 11 11: boilers", "Gas boiler", "Fixed"])
            + F.row(3, ["Widget", who, when, "99-99: Nonsense", "?", "Fixed"])
        let component = F.row(1, ["Name", "CreatedBy", "CreatedOn", "TypeName", "Space", "Description", "TagNumber", "BarCode"])
            + F.row(2, ["Pump-1", who, when, "Boiler", "B101, B999", "Pump", "n/a", ""])
            + F.row(3, ["Pump-2", who, "yesterday", "Ghost", "B101", "", "T-2", ""])
            + F.row(4, ["pump-1", "stranger@example.com", when, "Boiler", "B101", "Dup", "", ""])
        let system = F.row(1, ["Name", "CreatedBy", "CreatedOn", "Category", "ComponentNames"])
            + F.row(2, ["Heating", who, when, "21-51: Heating", "Pump-1,Pump-404"])
        let attribute = F.row(1, ["Name", "CreatedBy", "CreatedOn", "Category", "SheetName", "RowName", "Value"])
            + F.row(2, ["Area", who, when, "As Built", "Space", "B777", "12"])
            + F.row(3, ["Area", who, when, "As Built", "Spaces", "B101", "12"])
            + F.row(4, ["Area", who, when, "As Built", "Space", "B101", "12"])
        let pickLists = F.row(1, ["Category-Product", "Category-Space", "FloorType"])
            + F.row(2, ["23-13 11 11: Boilers", "13-11 00 00: Office", "Floor"])
        let fixture = F.xlsx(sheets: [
            ("Contact", contact), ("Facility", facility), ("Floor", floor), ("Space", space), ("Type", type),
            ("Component", component), ("System", system), ("Attribute", attribute), ("PickLists", pickLists),
        ])
        return try COBieReader().read(data: try fixture.data())
    }

    static func issue(
        _ result: COBieReadResult, _ kind: COBieValidationIssue.Kind, sheet: String, row: Int, header: String
    ) -> COBieValidationIssue? {
        result.issues.first { $0.kind == kind && $0.sheet == sheet && $0.row == row && $0.header == header }
    }

    @Test func eachMistakeIsReportedWithItsPosition() throws {
        let r = try Self.workbook()

        let unknownSpace = try #require(Self.issue(r, .unresolvedReference, sheet: "Component", row: 2, header: "Space"))
        #expect(unknownSpace.column == "E")
        #expect(unknownSpace.severity == .error)
        #expect(unknownSpace.message.contains("B999"))
        #expect(!unknownSpace.message.contains("B101"))

        #expect(Self.issue(r, .unresolvedReference, sheet: "Component", row: 3, header: "TypeName")?.message.contains("Ghost") == true)
        #expect(Self.issue(r, .invalidDate, sheet: "Component", row: 3, header: "CreatedOn")?.column == "C")
        #expect(Self.issue(r, .requiredValueMissing, sheet: "Component", row: 3, header: "Description")?.column == "F")
        let duplicate = try #require(Self.issue(r, .duplicateKey, sheet: "Component", row: 4, header: "Name"))
        #expect(duplicate.message.contains("row 2"))
        #expect(Self.issue(r, .unresolvedReference, sheet: "Component", row: 4, header: "CreatedBy")?.severity == .warning)

        #expect(Self.issue(r, .unresolvedReference, sheet: "Space", row: 3, header: "FloorName")?.message.contains("Level 9") == true)
        #expect(Self.issue(r, .requiredValueMissing, sheet: "Space", row: 4, header: "Name") != nil)
        #expect(Self.issue(r, .invalidNumber, sheet: "Floor", row: 3, header: "Elevation")?.message.contains("3,1m") == true)

        // Pick lists: compared case-insensitively, so "boilers" passes and "Nonsense" does not.
        #expect(Self.issue(r, .notInPickList, sheet: "Type", row: 2, header: "Category") == nil)
        #expect(Self.issue(r, .notInPickList, sheet: "Type", row: 3, header: "Category")?.severity == .warning)
        // Lists absent from PickLists (Category-Element for System) are not checked.
        #expect(Self.issue(r, .notInPickList, sheet: "System", row: 2, header: "Category") == nil)

        let system = try #require(Self.issue(r, .unresolvedReference, sheet: "System", row: 2, header: "ComponentNames"))
        #expect(system.message.contains("Pump-404"))
        #expect(Self.issue(r, .unresolvedReference, sheet: "Attribute", row: 2, header: "RowName")?.message.contains("B777") == true)
        #expect(Self.issue(r, .unresolvedReference, sheet: "Attribute", row: 3, header: "SheetName")?.message.contains("Spaces") == true)
        #expect(r.issues.filter { $0.sheet == "Attribute" && $0.row == 4 }.isEmpty)
        // Contact row is complete and consistent.
        #expect(r.issues.filter { $0.sheet == "Contact" }.isEmpty)
    }

    @Test func modelIsReturnedDespiteErrors() throws {
        let r = try Self.workbook()
        #expect(r.model.components.count == 3)
        let pump = try #require(r.model.components.first)
        #expect(pump.space == .value(["B101", "B999"]))
        #expect(pump.tagNumber == .notApplicable)  // n/a: deliberately not applicable
        #expect(pump.barCode == .missing)  // blank: not delivered
        #expect(r.model.components[1].createdOn == .invalid("yesterday"))
        #expect(r.model.floors[1].elevation == .invalid("3,1m"))
        #expect(r.model.floors[0].elevation == .value(COBieQuantity(value: 0, unit: "meters")))
        #expect(r.model.pickLists.allows("23-13 11 11", inList: "Category-Product") == true)
    }

    @Test func inspectionJSONHasSheetsAndIssues() throws {
        let r = try Self.workbook()
        let inspection = COBieInspection(file: "test.xlsx", result: r)
        let json = try JSONSerialization.jsonObject(with: inspection.jsonData()) as? [String: Any]
        let sheets = try #require(json?["sheets"] as? [[String: Any]])
        #expect(sheets.count == 9)
        let components = try #require(sheets.first { $0["name"] as? String == "Component" })
        #expect(components["rows"] as? Int == 3)
        #expect(components["names"] as? [String] == ["Pump-1", "Pump-2", "pump-1"])
        let pick = try #require(sheets.first { $0["name"] as? String == "PickLists" })
        #expect(pick["names"] == nil)
        let issues = try #require(json?["issues"] as? [[String: Any]])
        #expect(issues.count == r.issues.count)
        #expect(issues.allSatisfy { $0["message"] is String && $0["severity"] is String })
        let text = inspection.humanSummary()
        #expect(text.contains("Component"))
        #expect(text.contains("errors"))
    }

    @Test func categoryParsing() {
        #expect(COBieCategory(parsing: "23-13 11 11: Boilers") == COBieCategory(text: "23-13 11 11: Boilers", code: "23-13 11 11", description: "Boilers"))
        #expect(COBieCategory(parsing: "Pr_40_20: Boilers").code == "Pr_40_20")
        #expect(COBieCategory(parsing: "Architect").code == nil)
        #expect(COBieCategory(parsing: "Note: see manual").code == nil)  // no digit: not a code
    }

    @Test func isoDates() {
        #expect(COBieDateParser.parseISO("2011-09-27T16:15:03.421-05:00") == COBieDateParser.parseISO("2011-09-27T21:15:03.421Z"))
        #expect(COBieDateParser.parseISO("2012-02-30") == nil)
        #expect(COBieDateParser.parseISO("2011-09-27T16:15:82") == nil)
        #expect(COBieDateParser.parseISO("2011-09-27 16:15") != nil)
        #expect(COBieDateParser.parseISO("10/31/2024 12:00:00") == nil)
        #expect(COBieDateParser.parseISO("1970-01-01T00:00:00")?.timeIntervalSince1970 == 0)
    }
}
