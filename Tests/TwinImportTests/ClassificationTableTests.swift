import Testing
import TwinDomain
@testable import TwinImport

/// The shipped rules against real names and categories: COBie Type categories from the corpus
/// workbooks (../shared/corpus/cobie: the Clinic and Duplex handovers, the sample data centre's
/// own workbook) and IFC element names from the issue's dormitory, each with the kind a facility
/// manager expects. Racks need IT evidence, devices are rack-mountable IT, appliances are equipment.
@Suite struct ClassificationTableTests {
    /// A COBie component as the importer sees it: its type's Category cell, with the code before the
    /// colon read as OmniClass or Uniclass the way `COBieBatchBuilder` does.
    static func cobie(_ category: String, extObject: String? = nil) -> ClassificationSubject {
        var s = ClassificationSubject(classChain: extObject.map(EntityNames.chain(of:)) ?? [], cobieCategory: category)
        if let colon = category.firstIndex(of: ":") {
            let code = category[..<colon].trimmingCharacters(in: .whitespaces)
            s.classifications = [.init(system: COBieBatchBuilder.classificationSystem(code), code: code)]
        }
        return s
    }

    static func ifc(_ ifcClass: String, name: String? = nil, predefined: String? = nil, typeName: String? = nil) -> ClassificationSubject {
        ClassificationSubject(classChain: EntityNames.chain(of: ifcClass), predefinedType: predefined, name: name, typeName: typeName)
    }

    /// (subject, expected kind; nil = not an asset by the rules, i.e. `other` if COBie lists it).
    static let table: [(String, ClassificationSubject, AssetKind?)] = [
        // The sample data centre's workbook (samples/atrium-dc-cobie.xlsx).
        ("sample racks", cobie("23-33 15 11: Equipment Racks"), .rack),
        ("sample servers", cobie("23-33 15 13: Servers"), .device),
        ("sample switches", cobie("23-33 15 15: Network Switches"), .device),
        ("sample sensors", cobie("23-85 10 17: Sensors"), .sensor),
        ("sample PDUs", cobie("23-80 30 21: Power Distribution Units"), .powerUnit),
        ("sample UPS", cobie("23-80 30 17: Uninterruptible Power Supplies"), .powerUnit),
        ("sample CRACs", cobie("23-75 30 17: Computer Room Air Conditioning Units"), .coolingUnit),
        // Clinic handover (2013-10-09-Clinic-Handover-v14.xlsx): cabinets are never racks.
        ("clinic cabinets", cobie("23-40 35 11 11: Cabinets"), .furniture),
        ("clinic flammables cabinets", cobie("23-40 70 11 11 11 34: Laboratory Flammables Storage Cabinets"), .furniture),
        ("clinic kitchen casework", cobie("23-40 35 17 47 11: Kitchen Casework"), .furniture),
        ("clinic work surfaces", cobie("23-40 35 11 17: Work Surfaces"), .furniture),
        ("clinic counters", cobie("23-40 70 17 21 11: Counters and Work Surfaces"), .furniture),
        ("clinic work stations", cobie("23-40 70 17 14 14: Work Stations "), .furniture),
        ("clinic stools", cobie("23-40 20 14 14 17: Stools"), .furniture),
        ("clinic chairs", cobie("23-40 20 14 14 11: Chairs"), .furniture),
        ("clinic bookcases", cobie("23-40 20 24 34: Bookcases"), .furniture),
        ("clinic storage shelving", cobie("23-40 20 27: Storage Shelving"), .furniture),
        ("clinic writing boards", cobie("23-40 90 11 21: Writing Boards"), .furniture),
        ("clinic pin boards", cobie("23-40 90 11 17: Pin Boards"), .furniture),
        ("clinic mail boxes", cobie("23-40 90 14 11: Mail Boxes"), .furniture),
        ("clinic cubicles", cobie("23-25 40 14 14 17: Cubicles"), .furniture),
        ("clinic coat racks", cobie("23-40 20 11 21 11: Coat Racks"), .furniture),
        ("clinic doors", cobie("23-30 10: Doors"), .door),
        ("clinic fixed windows", cobie("23-30 20 17 11: Fixed Windows"), .window),
        ("clinic downlights", cobie("23-80 70 11 14 11: Downlights"), .fixture),
        ("clinic luminaires", cobie("23-80 70 11 11: General Luminaries, Non Directional"), .fixture),
        ("clinic lighting", cobie("23-80 70: Lighting"), .fixture),
        ("clinic light switches", cobie("23-80 50 11 14: Switches"), .fixture),
        ("clinic receptacles", cobie("23-80 50 11 17: Ground Fault Receptacles"), .fixture),
        ("clinic sinks", cobie("23-45 05 14 14: Sinks/Lavatories"), .fixture),
        ("clinic water closets", cobie("23-45 05 21 11 11: Water Operated Water Closets"), .fixture),
        ("clinic lavatory units", cobie("23-55 50 21 14: Lavatory Units"), .fixture),
        ("clinic eye wash", cobie("23-45 05 14 24: Eye Wash Fountains"), .fixture),
        ("clinic drinking fountains", cobie("23-65 70 14 11: Drinking Fountains/Coolers"), .fixture),
        ("clinic security plumbing fixtures", cobie("23-45 05 14 34: Security Plumbing Fixtures"), .fixture),
        ("clinic robe hooks", cobie("23-40 20 21 31: Robe Hooks"), .fixture),
        ("clinic grab bars", cobie("23-40 20 21 47: Bath Grab Bars"), .fixture),
        ("clinic towel dispensers", cobie("23-40 20 21 17: Paper Towel Dispensers: Disposal Units"), .fixture),
        ("clinic soap dispensers", cobie("23-40 20 21 34: Soap Holders: Dispensers"), .fixture),
        ("clinic toilet specialties", cobie("23-40 20 21: Toilet and Bath Specialties"), .fixture),
        ("clinic diffusers", cobie("23-75 70 21 27 11: Diffusers, Registers, and Grilles"), .equipment),
        ("clinic VAV units", cobie("23-75 70 21 24 14: Variable Volume Air Terminal Units"), .equipment),
        ("clinic fans", cobie("23-75 35 17 27: Centrifugal Fans"), .equipment),
        ("clinic sprinkler heads", cobie("23-65 70 17 11 24: Fire Fighting Sprinkler Heads"), .equipment),
        ("clinic fire extinguisher cabinets", cobie("23-65 70 17 11: Fire Fighting Terminal Components"), .equipment),
        ("clinic valves", cobie("23-65 55 14 17: Adjusting/Controlling Valves for Liquid Services"), .equipment),
        ("clinic regulating valves", cobie("23-15 20 11 14 14 14: Regulating Valves"), .equipment),
        ("clinic medical equipment", cobie("23-40 70 11 14 11: Medical Equipment"), .equipment),
        ("clinic TV equipment", cobie("23-85 05 17 11 11: Television Broadcasting Equipment"), .equipment),
        ("clinic audio recorders", cobie("23-85 10 11 14 11: Audio Recorders"), .equipment),
        ("clinic fridges", cobie("23-40 40 11 11: Refrigerators and Freezers"), .equipment),
        ("clinic waste equipment", cobie("23-40 70 34 21: Waste Clean-Up Equipment"), .equipment),
        ("clinic illuminated signs", cobie("23-40 10 14 24 17: Illuminated Signs"), .equipment),
        ("clinic distribution boards", cobie("23-80 30 11 17: Distribution Boards and Control Panels"), .powerUnit),
        // Duplex handover (2012-03-23-Duplex-Handover.xlsx).
        ("duplex receptacles", cobie("23-80 50 11 11: Receptacle Terminal Units"), .fixture),
        ("duplex radiators", cobie("23-75 70 17 11: Radiators"), .equipment),
        ("duplex casement windows", cobie("23-30 20 17 21 14: Casement Windows"), .window),
        ("duplex coffee tables", cobie("23-40 20 14 17 24: Coffee Tables"), .furniture),
        ("duplex bathroom casework", cobie("23-40 35 17 47 14: Bathroom Casework"), .furniture),
        ("duplex luminaires", cobie("23-80 70 11 11: General Luminaries: Non Directional"), .fixture),
        ("duplex door by ExtObject", cobie("n/a", extObject: "IfcDoor"), .door),
        ("lakeside furniture", cobie("E2020200 : Furniture & Accessories"), .furniture),
        // The dormitory's IFC elements (the issue): cabinets are furniture, appliances are equipment.
        ("medicine cabinet", ifc("IfcFurniture", name: "Medicine Cabinet"), .furniture),
        ("china cabinet", ifc("IfcFurnishingElement", name: "China Cabinet"), .furniture),
        ("storage cabinet", ifc("IfcFurniture", typeName: "Storage Cabinet"), .furniture),
        ("emergency equipment cabinet", ifc("IfcFurniture", name: "Emergency Equipment Cabinet"), .furniture),
        ("dryer", ifc("IfcElectricAppliance", name: "Dryer", predefined: "TUMBLEDRYER"), .equipment),
        ("fridge", ifc("IfcElectricAppliance", name: "Fridge", predefined: "FRIDGE_FREEZER"), .equipment),
        ("TV", ifc("IfcAudioVisualAppliance", name: "TV", predefined: "TV"), .equipment),
        ("washing machine", ifc("IfcElectricAppliance", name: "Washing Machine"), .equipment),
        ("printer", ifc("IfcCommunicationsAppliance", predefined: "PRINTER"), .equipment),
        ("server in an appliance", ifc("IfcElectricAppliance", name: "Blade server 2U"), .device),
        ("router", ifc("IfcCommunicationsAppliance", predefined: "ROUTER"), .device),
        ("server rack", ifc("IfcFurniture", name: "Server Rack 42U"), .rack),
        ("network cabinet", ifc("IfcBuildingElementProxy", name: "Network cabinet 3"), .rack),
        ("door", ifc("IfcDoor", name: "Single-Flush 0915 x 2134mm"), .door),
        ("window", ifc("IfcWindow", name: "Fixed 0610 x 1220mm"), .window),
        ("toilet", ifc("IfcSanitaryTerminal", predefined: "TOILETPAN"), .fixture),
        ("light", ifc("IfcLightFixture"), .fixture),
        ("light switch", ifc("IfcSwitchingDevice", predefined: "TOGGLESWITCH"), .fixture),
        ("circuit breaker", ifc("IfcProtectiveDevice", predefined: "CIRCUITBREAKER"), .equipment),
        ("pump", ifc("IfcPump"), .equipment),
        ("wall", ifc("IfcWall"), nil),
        ("pipe", ifc("IfcPipeSegment"), nil),
    ]

    @Test func realNamesAndCategoriesGetTheKindsAFacilityManagerExpects() {
        #expect(Self.table.count >= 60)
        let rules = ClassificationRules.default
        for (name, subject, expected) in Self.table {
            let got = rules.classify(subject)
            #expect(got?.kind == expected, "\(name): got \(got.map { "\($0.kind.rawValue) by \($0.ruleID)" } ?? "no rule")")
        }
    }
}
