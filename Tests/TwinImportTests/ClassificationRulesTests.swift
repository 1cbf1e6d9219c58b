import Foundation
import Testing
import TwinDomain
@testable import TwinImport

/// The shipped rules load and classify as the README says; override files are validated with
/// every problem located by rule index and field.
@Suite struct ClassificationRulesTests {
    static func subject(_ classes: [String], type: [String] = [], predefined: String? = nil, objectType: String? = nil,
                        name: String? = nil, typeName: String? = nil, codes: [(String?, String)] = [],
                        category: String? = nil, psets: Set<String> = []) -> ClassificationSubject {
        ClassificationSubject(classChain: classes.flatMap(EntityNames.chain(of:)), typeClassChain: type.flatMap(EntityNames.chain(of:)),
                              predefinedType: predefined, objectType: objectType, name: name, typeName: typeName,
                              classifications: codes.map { .init(system: $0.0, code: $0.1) }, cobieCategory: category,
                              propertySetNames: psets)
    }

    @Test func defaultRulesClassifyTheIssuesExamples() throws {
        let rules = ClassificationRules.default
        #expect(rules.origin == "default")
        func kind(_ s: ClassificationSubject) -> AssetKind? { rules.classify(s)?.kind }
        #expect(kind(Self.subject(["IfcCommunicationsAppliance"], predefined: "ROUTER")) == .device)
        #expect(kind(Self.subject(["IfcElectricAppliance"])) == .equipment, "household appliances are not IT devices")
        #expect(kind(Self.subject(["IfcAudioVisualAppliance"])) == .equipment)
        #expect(kind(Self.subject(["IfcUnitaryEquipment"], predefined: "SPLITSYSTEM")) == .coolingUnit)
        #expect(kind(Self.subject(["IfcChiller"])) == .coolingUnit)
        #expect(kind(Self.subject(["IfcCoolingTower"])) == .coolingUnit)
        #expect(kind(Self.subject(["IfcElectricFlowStorageDevice"], predefined: "UPS")) == .powerUnit)
        #expect(kind(Self.subject(["IfcElectricDistributionBoard"], objectType: "PDU")) == .powerUnit)
        #expect(kind(Self.subject(["IfcTransformer"])) == .powerUnit)
        #expect(kind(Self.subject(["IfcSensor"], predefined: "TEMPERATURESENSOR")) == .sensor)
        // IFC2X3: a distribution control element typed by IfcSensorType.
        #expect(kind(Self.subject(["IfcDistributionControlElement"], type: ["IfcSensorType"])) == .sensor)
        // Racks by ObjectType, name or type name; ordinary furniture is furniture.
        #expect(kind(Self.subject(["IfcFurniture"], objectType: "Server Rack")) == .rack)
        #expect(kind(Self.subject(["IfcBuildingElementProxy"], name: "Network cabinet 3")) == .rack)
        #expect(kind(Self.subject(["IfcFurniture"], typeName: "19\" enclosure 42U")) == .rack)
        #expect(kind(Self.subject(["IfcFurniture"], name: "Desk")) == .furniture)
        #expect(kind(Self.subject(["IfcFurniture"], name: "Trackball table")) == .furniture, "'rack' only as a word")
        #expect(kind(Self.subject(["IfcFurniture"], typeName: "Rack 42U 600x1200")) == .rack)
        #expect(kind(Self.subject(["IfcBuildingElementProxy"], objectType: "Fire Extinguishers and Cabinet")) == nil)
        #expect(kind(Self.subject(["IfcFurniture"], name: "Rotating Firewood Rack on Rollers")) == .furniture)
        // The Atrium psets win over the class.
        #expect(kind(Self.subject(["IfcBuildingElementProxy"], psets: ["Atrium_Rack"])) == .rack)
        // Classification codes, COBie categories, the equipment fallback; structure is no asset.
        #expect(kind(Self.subject(["IfcBuildingElementProxy"], codes: [("OmniClass", "23-75 30 17")])) == .coolingUnit)
        #expect(kind(Self.subject(["IfcBuildingElementProxy"], codes: [("Uniclass 2015", "Pr_60_70_22")])) == .powerUnit)
        #expect(kind(Self.subject([], category: "23-33 15 13: Servers")) == .device)
        #expect(kind(Self.subject(["IfcFlowTerminal"])) == .equipment)
        #expect(kind(Self.subject(["IfcPump"])) == .equipment)
        #expect(kind(Self.subject(["IfcPipeSegment"])) == nil)
        #expect(kind(Self.subject(["IfcWall"])) == nil)
        #expect(rules.classify(Self.subject(["IfcSensor"]))?.ruleID == "ifc-sensor")
    }

    @Test func overrideFileReplacesTheDefaults() throws {
        let json = """
        {"version": 1, "rules": [
          {"id": "walls-are-equipment", "kind": "equipment", "ifcClass": "IfcWall"},
          {"id": "crac-by-name", "kind": "cooling_unit", "name": "(?i)^crac-", "predefinedType": ["USERDEFINED", "NOTDEFINED"]}
        ]}
        """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let rules = try ClassificationRules.load(from: url)
        #expect(rules.rules.count == 2)
        #expect(rules.origin == url.lastPathComponent)
        #expect(rules.classify(Self.subject(["IfcWallStandardCase"]))?.ruleID == "walls-are-equipment", "subtypes match")
        #expect(rules.classify(Self.subject(["IfcBuildingElementProxy"], predefined: "userdefined", name: "CRAC-01"))?.kind == .coolingUnit)
        #expect(rules.classify(Self.subject(["IfcBuildingElementProxy"], predefined: "ELEMENT", name: "CRAC-01")) == nil)
        #expect(rules.classify(Self.subject(["IfcSensor"])) == nil, "the defaults are replaced, not extended")
    }

    @Test func badRulesAreReportedWithIndexAndField() throws {
        let json = """
        {"version": 1, "rules": [
          {"id": "ok", "kind": "rack", "ifcClass": "IfcFurniture"},
          {"id": "ok", "kind": "server", "ifcClass": "IfcFurnitur"},
          {"id": "x", "kind": "sensor", "name": "([unclosed"},
          {"id": "y", "kind": "device"},
          {"id": "z", "kind": "device", "ifcClas": "IfcSensor", "predefinedType": 3}
        ]}
        """
        do {
            _ = try ClassificationRules.decode(Data(json.utf8), origin: "test.json")
            Issue.record("invalid rules were accepted")
        } catch {
            let places = Set(error.problems.map { "\($0.index.map(String.init) ?? "-").\($0.field ?? "-")" })
            #expect(places.isSuperset(of: ["1.id", "1.kind", "1.ifcClass", "2.name", "3.-", "4.ifcClas", "4.predefinedType"]), "\(error)")
            #expect(!places.contains { $0.hasPrefix("0.") })
            #expect(error.description.contains("rules[1].ifcClass"))
        }
        #expect(throws: ClassificationRulesError.self) { try ClassificationRules.decode(Data("[]".utf8)) }
        #expect(throws: ClassificationRulesError.self) { try ClassificationRules.decode(Data(#"{"version": 2, "rules": []}"#.utf8)) }
        #expect(throws: ClassificationRulesError.self) { try ClassificationRules.decode(Data(#"{"rules": []}"#.utf8)) }
        #expect(throws: ClassificationRulesError.self) {
            try ClassificationRules.load(from: URL(fileURLWithPath: "/nonexistent/rules.json"))
        }
    }

    @Test func importWithOverriddenRulesChangesTheKinds() async throws {
        // Everything the sample calls a device becomes generic equipment; racks are not recognised at all.
        let rules = try ClassificationRules(rules: [
            ClassificationRule(id: "appliances", kind: .equipment, ifcClass: ["IfcCommunicationsAppliance"]),
        ], origin: "test")
        let url = TwinImporterSampleTests.samples.appendingPathComponent("atrium-dc.ifc")
        let batch = try await TwinImporter(extractGeometry: false).importFile(
            at: url, format: .ifcSTEP, rules: rules, progress: { _, _ in }) { _ in }
        let appliances = batch.assets.filter { $0.classifiedBy == "appliances" }
        #expect(appliances.count == 734)
        #expect(appliances.allSatisfy { $0.kind == .equipment && $0.parentKey == nil })
        // Every other component is still an asset, of kind `other`: nothing is a rack or a device.
        #expect(batch.assets.filter { $0.classifiedBy != "appliances" }.allSatisfy { $0.kind == .other && $0.classifiedBy == "component" })
    }
}
