import COBie
import Foundation
import Testing

/// The Excel 2003 XML decoder: index gaps, merged cells and typed data.
struct SpreadsheetMLReaderTests {
    static func workbook(_ worksheets: String) -> Data {
        Data("""
            <?xml version="1.0"?>
            <?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
            \(worksheets)
            </Workbook>
            """.utf8)
    }

    @Test func indexGapsMergesAndTypes() throws {
        let xml = Self.workbook("""
            <Worksheet ss:Name="Space"><Table>
             <Row><Cell ss:MergeAcross="1"><Data ss:Type="String">Wide</Data></Cell><Cell><Data ss:Type="String">C</Data></Cell></Row>
             <Row ss:Index="4"><Cell ss:Index="2"><Data ss:Type="Number">3.5</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="DateTime">2011-05-25T18:09:19.000</Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell></Row>
             <Row><Cell><Data ss:Type="String">a5</Data></Cell><Cell><Data ss:Type="String">b5</Data></Cell><Cell><Data ss:Type="String">d5</Data></Cell></Row>
             <Row><Cell><Comment><Data>note</Data></Comment></Cell><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>bold</B> text</ss:Data></Cell></Row>
            </Table></Worksheet>
            <Worksheet ss:Name="Empty"/>
            """)
        let wb = try SpreadsheetReader().read(data: xml)
        #expect(wb.format == .spreadsheetML2003)
        #expect(wb.sheets.map(\.name) == ["Space", "Empty"])
        let rows = wb.sheets[0].rows
        #expect(rows.map(\.number) == [1, 4, 5, 6])
        // MergeAcross="1" covers A:B, so the next cell lands in C.
        #expect(rows[0].cells.map(\.column) == [0, 2])
        #expect(rows[1].cells.map(\.column) == [1, 2, 3])
        #expect(rows[1].cells[0].value == .number(3.5))
        #expect(rows[1].cells[1].value == .date(try #require(COBieDateParser.parseISO("2011-05-25T18:09:19"))))
        #expect(rows[1].cells[2].value == .boolean(true))
        // Row 5: C5 is covered by the MergeDown from C4, so the third cell is D5.
        #expect(rows[2].cells.map(\.column) == [0, 1, 3])
        // Comments are not data; formatted Data keeps its text.
        #expect(rows[3].cells.map(\.text) == ["bold text"])
        #expect(rows[3].cells[0].column == 1)
    }

    /// A handful of bytes asking to merge the whole grid must cost neither memory nor time.
    @Test func hugeMergesStayCheap() throws {
        let start = Date()
        // One cell merged over the whole grid: every later cell is covered and reported, none kept.
        var whole = "<Row><Cell ss:MergeAcross=\"16383\" ss:MergeDown=\"1048575\"><Data ss:Type=\"String\">x</Data></Cell></Row>"
        whole += String(repeating: "<Row><Cell><Data ss:Type=\"String\">covered</Data></Cell></Row>", count: 100)
        let wb1 = try SpreadsheetReader().read(data: Self.workbook("<Worksheet ss:Name=\"S\"><Table>\(whole)</Table></Worksheet>"))
        #expect(wb1.sheets[0].rows.count == 1)
        #expect(!wb1.diagnostics.isEmpty)
        // Thousands of long vertical merges: tracked as rectangles, capped, still read row by row.
        let tall = String(repeating: "<Row><Cell ss:MergeDown=\"60000\"><Data ss:Type=\"String\">y</Data></Cell><Cell ss:Index=\"9\"><Data ss:Type=\"String\">z</Data></Cell></Row>", count: 3_000)
        let wb2 = try SpreadsheetReader().read(data: Self.workbook("<Worksheet ss:Name=\"S\"><Table>\(tall)</Table></Worksheet>"))
        #expect(wb2.sheets[0].rows.count == 3_000)
        #expect(wb2.sheets[0].rows[1].cells.map(\.column) == [1, 8])  // B: A2 is merged down from A1
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func badTypedValueIsReportedAndKeptAsText() throws {
        let xml = Self.workbook("<Worksheet ss:Name=\"S\"><Table><Row><Cell><Data ss:Type=\"Number\">twelve</Data></Cell></Row></Table></Worksheet>")
        let wb = try SpreadsheetReader().read(data: xml)
        #expect(wb.sheets[0].rows[0].cells[0].value == .string("twelve"))
        #expect(wb.diagnostics.count == 1)
    }

    @Test func nonWorkbookXMLIsRejected() throws {
        #expect(throws: COBieReadError.unrecognizedFormat) {
            try SpreadsheetReader().read(data: Data("<html><body/></html>".utf8))
        }
    }

    @Test func malformedXMLGivesPosition() throws {
        let xml = Data("<?xml version=\"1.0\"?>\n<Workbook>\n<Worksheet ss:Name=\"S\"><Table></Worksheet>".utf8)
        do {
            _ = try SpreadsheetReader().read(data: xml)
            Issue.record("expected an error")
        } catch let error as COBieReadError {
            guard case .malformedXML(_, let line, _, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(line >= 2)
        }
    }
}
