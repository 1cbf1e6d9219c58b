import COBie
import Foundation
import Testing

/// The xlsx decoder on small packages that each exercise one feature of the format.
struct XLSXReaderTests {
    typealias F = WorkbookFixture

    static func read(_ fixture: WorkbookFixture) throws -> SpreadsheetWorkbook {
        try SpreadsheetReader().read(data: try fixture.data())
    }

    @Test func sharedStringsRichTextAndPhoneticsExcluded() throws {
        let strings = [
            "<si><t>Plain</t></si>",
            "<si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space=\"preserve\"> and normal</t></r></si>",
            "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/></si>",
            "<si/>",
        ]
        let sheet = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>99</v></c></row>"
        let wb = try Self.read(F.xlsx(sheets: [("S", sheet)], sharedStrings: strings))
        let cells = wb.sheets[0].rows[0].cells
        #expect(cells.map(\.text) == ["Plain", "Bold and normal", "東京", ""])
        // The dangling index 99 is reported, not a crash.
        #expect(wb.diagnostics.contains { $0.row == 1 && $0.column == 4 && $0.message.contains("99") })
    }

    @Test func cellKinds() throws {
        let sheet = """
            <row r="1">\
            <c r="A1" t="inlineStr"><is><t>inline</t></is></c>\
            <c r="B1" t="str"><f>A1&amp;"x"</f><v>inlinex</v></c>\
            <c r="C1"><v>42.5</v></c>\
            <c r="D1" t="b"><v>1</v></c>\
            <c r="E1" t="e"><v>#N/A</v></c>\
            <c r="F1"><f>1+1</f><v>2</v></c>\
            <c r="G1" s="0"/>\
            </row>
            """
        let wb = try Self.read(F.xlsx(sheets: [("S", sheet)]))
        let cells = wb.sheets[0].rows[0].cells
        #expect(cells.map(\.column) == [0, 1, 2, 3, 4, 5])
        #expect(cells[0].value == .string("inline"))
        #expect(cells[1].value == .string("inlinex"))
        #expect(cells[2].value == .number(42.5))
        #expect(cells[3].value == .boolean(true))
        #expect(cells[4].value == .error("#N/A"))
        #expect(cells[5].value == .number(2))
    }

    @Test func datesFromStylesIn1900And1904() throws {
        let styles = """
            <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts>\
            <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>
            """
        let sheet = """
            <row r="1"><c r="A1" s="1"><v>40179</v></c><c r="B1" s="2"><v>40179.5</v></c>\
            <c r="C1" s="3"><v>40179</v></c><c r="D1" s="0"><v>40179</v></c><c r="E1" s="1"><v>59</v></c>\
            <c r="F1" s="1"><v>61</v></c><c r="G1" s="1"><v>60</v></c></row>
            """
        let wb = try Self.read(F.xlsx(sheets: [("S", sheet)], styles: styles))
        let cells = wb.sheets[0].rows[0].cells
        #expect(cells[0].value == .date(try #require(COBieDateParser.parseISO("2010-01-01"))))
        #expect(cells[1].value == .date(try #require(COBieDateParser.parseISO("2010-01-01T12:00:00"))))
        #expect(cells[2].value == .number(40179))  // "d" inside quotes is a literal, not a day
        #expect(cells[3].value == .number(40179))
        #expect(cells[4].value == .date(try #require(COBieDateParser.parseISO("1900-02-28"))))
        #expect(cells[5].value == .date(try #require(COBieDateParser.parseISO("1900-03-01"))))
        // Serial 60 is Lotus' phantom 1900-02-29; it is read as the next real day.
        #expect(cells[6].value == .date(try #require(COBieDateParser.parseISO("1900-03-01"))))
        #expect(cells[0].text == "40179")

        let wb1904 = try Self.read(F.xlsx(sheets: [("S", "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>38717</v></c></row>")],
                                          styles: styles, date1904: true))
        let c1904 = wb1904.sheets[0].rows[0].cells
        #expect(c1904[0].value == .date(try #require(COBieDateParser.parseISO("1904-01-01"))))
        #expect(c1904[1].value == .date(try #require(COBieDateParser.parseISO("2010-01-01"))))
    }

    @Test func sparseOutOfOrderAndUnreferencedCells() throws {
        let sheet = """
            <row r="3"><c r="C3" t="inlineStr"><is><t>c3</t></is></c><c r="A3" t="inlineStr"><is><t>a3</t></is></c></row>\
            <row r="1"><c t="inlineStr"><is><t>a1</t></is></c><c t="inlineStr"><is><t>b1</t></is></c><c r="E1" t="inlineStr"><is><t>e1</t></is></c><c t="inlineStr"><is><t>f1</t></is></c></row>\
            <row><c r="B4" t="inlineStr"><is><t>b4</t></is></c></row>
            """
        let wb = try Self.read(F.xlsx(sheets: [("S", sheet)]))
        let rows = wb.sheets[0].rows
        #expect(rows.map(\.number) == [1, 2, 3])  // row without r follows the previous one (1 → 2)
        #expect(rows[0].cells.map(\.column) == [0, 1, 4, 5])
        #expect(rows[0].cells.map(\.text) == ["a1", "b1", "e1", "f1"])
        #expect(rows[2].cells.map(\.text) == ["a3", "c3"])
    }

    @Test func absoluteTargetsAndCaseInsensitiveSheetLookup() throws {
        let fixture = F.xlsx(sheets: [("Component", F.row(1, ["Name"]) + F.row(2, ["Boiler-1"]))], absoluteTargets: true)
        let wb = try Self.read(fixture)
        #expect(wb.sheet(named: "component ")?.rows.count == 2)
        #expect(wb.sheet(named: "Space") == nil)
    }

    @Test func headerMappedByNameNotPosition() throws {
        // Columns reordered and an extra column added: the model still finds each field by its header.
        let sheets = [
            ("Component", F.row(1, ["Space", "Name", "Vendor Code", "TypeName"]) + F.row(2, ["B101", "Pump-1", "X-9", "Pump"])),
        ]
        let result = try COBieReader().read(data: try F.xlsx(sheets: sheets).data())
        let pump = try #require(result.model.components.first)
        #expect(pump.name == "Pump-1")
        #expect(pump.typeName == .value("Pump"))
        #expect(pump.space == .value(["B101"]))
        #expect(pump.extraColumns == ["Vendor Code": "X-9"])
        #expect(pump.source == COBieSource(sheet: "Component", row: 2))
    }

    @Test func sniffingIgnoresTheFileName() throws {
        #expect(SpreadsheetReader.sniff(Data("PK\u{3}\u{4}rest".utf8)) == .xlsx)
        #expect(SpreadsheetReader.sniff(Data("\u{FEFF}  <?xml version=\"1.0\"?>".utf8)) == .spreadsheetML2003)
        #expect(SpreadsheetReader.sniff(Data("Name,Email\n".utf8)) == nil)
        #expect(throws: COBieReadError.unrecognizedFormat) { try SpreadsheetReader().read(data: Data("Name,Email\n".utf8)) }
    }

    @Test func missingSheetPartIsReportedNotFatal() throws {
        var fixture = F.xlsx(sheets: [("Contact", F.row(1, ["Email"])), ("Space", F.row(1, ["Name"]))])
        fixture.parts.removeAll { $0.0 == "xl/worksheets/sheet2.xml" }
        let wb = try Self.read(fixture)
        #expect(wb.sheets.map(\.name) == ["Contact"])
        #expect(wb.diagnostics.contains { $0.sheet == "Space" })
    }
}
