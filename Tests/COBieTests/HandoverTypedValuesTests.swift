import COBie
import Foundation
import Testing

/// Values looked up by hand in the two handover workbooks (unzipped, read as XML) and compared with
/// the typed model: the reader must type every field, not just count rows.
@Suite("COBie handover workbooks typed", .enabled(if: CorpusLocation.isAvailable, CorpusLocation.skipMessage))
struct HandoverTypedValuesTests {
    static func read(_ file: String) throws -> COBieReadResult {
        try COBieReader().read(contentsOf: CorpusLocation.cobieCorpus.appendingPathComponent(file))
    }

    static func utc(_ text: String) -> Date? { COBieDateParser.parseISO(text) }

    @Test func duplexHandover() throws {
        let result = try Self.read("2012-03-23-Duplex-Handover.xlsx")
        let model = result.model
        #expect(model.components.count == 232)
        #expect(model.types.count == 43)
        #expect(model.spares.count == 3)
        #expect(model.jobs.count == 94)
        #expect(model.documents.count == 48)
        #expect(model.units.linear == "meters")

        let bath = try #require(model.components.first { $0.name == "Bath/Shower-1" })
        #expect(bath.typeName == .value("Bath/Shower"))
        #expect(bath.space == .value(["B204"]))
        #expect(bath.serialNumber == .value("VACA689"))
        #expect(bath.installationDate == .value(try #require(Self.utc("2010-04-18T09:00:00"))))
        #expect(bath.createdOn == .value(try #require(Self.utc("2011-09-27T16:15:27"))))
        #expect(bath.tagNumber == .notApplicable)
        #expect(bath.external.object == .value("IfcFlowTerminal"))
        #expect(bath.external.identifier == .value("2h405XijT83A$BX7w5ki4b"))
        #expect(bath.source == COBieSource(sheet: "Component", row: 2))

        let microwave = try #require(model.types.first { $0.name == "Appliance - Microwave" })
        #expect(microwave.category.value?.code == "23-40 40 14 17")
        #expect(microwave.category.value?.description == "Food Cooking Equipment")
        #expect(microwave.assetType == .value("Moveable"))
        #expect(microwave.warrantyDurationParts == .value(COBieQuantity(value: 1, unit: "year")))
        #expect(microwave.expectedLife == .value(COBieQuantity(value: 10, unit: "year")))
        #expect(microwave.replacementCost == .notApplicable)
        #expect(microwave.nominalLength.value?.unit == "meters")
        #expect(abs((microwave.nominalLength.value?.value ?? 0) - 0.394) < 1e-9)
        #expect(microwave.size == .value("0.05097 m3"))

        let boilerParts = try #require(model.spares.first { $0.name == "Boiler Parts Lists" })
        #expect(boilerParts.category.value == COBieCategory(text: "PartSet", code: nil, description: "PartSet"))
        #expect(boilerParts.typeName == .value("Boiler"))
        #expect(boilerParts.suppliers == .value(["parts@ps.com"]))
        #expect(boilerParts.setNumber == .notApplicable)

        let lockout = try #require(model.jobs.first { $0.name == "Boiler - Lockout" })
        #expect(lockout.duration == .value(COBieQuantity(value: 8, unit: "minute")))
        #expect(lockout.frequency == .notApplicable)
        #expect(lockout.status == .value("Not Yet Started"))
        #expect(lockout.typeName == .value("Boiler"))
        #expect(lockout.taskNumber == .value("0"))

        let productData = try #require(model.documents.first { $0.name == "Bath/Shower Product Data" })
        #expect(productData.sheetName == .value("Type"))
        #expect(productData.rowName == .value("Bath/Shower"))
        #expect(productData.file == .value("BathTub_ProductData.pdf"))
        #expect(productData.stage == .value("Submitted"))

        // Seconds of 82 in CreatedOn are genuinely invalid and must be reported, with position.
        let badDate = try #require(result.issues.first { $0.kind == .invalidDate && $0.row == 22 })
        #expect(badDate.sheet == "Component")
        #expect(badDate.column == "C")
        #expect(badDate.header == "CreatedOn")
    }

    @Test func clinicHandover() throws {
        let model = try Self.read("2013-10-09-Clinic-Handover-v14.xlsx").model
        #expect(model.components.count == 5071)
        #expect(model.types.count == 366)
        #expect(model.spares.count == 13)
        #expect(model.jobs.count == 36)
        #expect(model.documents.count == 675)
        #expect(model.attributes.count == 9542)
        #expect(model.units.linear == "millimeters")

        let ac = try #require(model.components.first { $0.name == "AC Unit Type 1 AC-1" })
        #expect(ac.typeName == .value("AC Unit Type 1"))
        #expect(ac.space == .value(["1B21"]))
        #expect(ac.serialNumber == .value("YNC54980"))
        #expect(ac.installationDate == .value(try #require(Self.utc("2011-04-22T10:30:25"))))

        let acType = try #require(model.types.first { $0.name == "AC Unit Type 1" })
        #expect(acType.category.value?.code == "23-75 10 24 21 27")
        #expect(acType.category.value?.description == "Unitary Air Conditioning Equipment")
        #expect(acType.external.object == .value("IfcCondenserType"))
        #expect(acType.manufacturer == .value("sales@mitsubishielectric.com"))
        #expect(acType.warrantyDurationLabor == .value(COBieQuantity(value: 1, unit: "year")))
        #expect(acType.expectedLife == .notApplicable)

        let filter = try #require(model.spares.first { $0.name == "PF-1" })
        #expect(filter.typeName == .value("AHU"))
        #expect(filter.description == .value("See furnished filter boxes for quantity"))

        let lockout = try #require(model.jobs.first { $0.name == "Air Handler Lockout" })
        #expect(lockout.duration == .value(COBieQuantity(value: 30, unit: "minute")))
        #expect(lockout.frequency == .value(COBieQuantity(value: 1, unit: "year")))
        #expect(lockout.taskNumber == .value("1"))

        let riser = try #require(model.documents.first { $0.name == "1st Floor Hot Water Riser Diagram" })
        #expect(riser.sheetName == .value("System"))
        #expect(riser.reference == .value("22 00 00"))
        #expect(riser.category.value?.description == "Operation and Maintenance")
    }

    /// Every data row of every record sheet becomes exactly one record, for every corpus workbook.
    @Test("record counts equal sheet data rows", arguments: CorpusLocation.workbooks)
    func recordCounts(file: String) throws {
        let result = try Self.read(file)
        let rows = Dictionary(result.sheets.map { ($0.name.lowercased(), $0.rows) }, uniquingKeysWith: { a, _ in a })
        let m = result.model
        let counts: [(String, Int)] = [
            ("contact", m.contacts.count), ("facility", m.facilities.count), ("floor", m.floors.count),
            ("space", m.spaces.count), ("zone", m.zones.count), ("type", m.types.count),
            ("component", m.components.count), ("system", m.systems.count), ("spare", m.spares.count),
            ("resource", m.resources.count), ("job", m.jobs.count), ("document", m.documents.count),
            ("attribute", m.attributes.count), ("coordinate", m.coordinates.count),
        ]
        for (sheet, count) in counts {
            #expect(count == (rows[sheet] ?? 0), "\(file) \(sheet)")
        }
    }
}
