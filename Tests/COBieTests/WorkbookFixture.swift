import Foundation
import ZIPFoundation

/// Builds small xlsx packages in memory for tests: each test states exactly the XML it exercises.
struct WorkbookFixture {
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let pkgNS = "http://schemas.openxmlformats.org/package/2006/relationships"

    var parts: [(String, Data)] = []

    mutating func add(_ path: String, _ text: String) {
        parts.append((path, Data(text.utf8)))
    }

    /// A workbook with the given sheets (name → sheetData inner XML), shared strings and styles.
    static func xlsx(
        sheets: [(String, String)], sharedStrings: [String]? = nil, styles: String? = nil, date1904: Bool = false,
        absoluteTargets: Bool = false
    ) -> WorkbookFixture {
        var f = WorkbookFixture()
        f.add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        f.add("_rels/.rels", """
            <?xml version="1.0"?><Relationships xmlns="\(pkgNS)"><Relationship Id="rId1" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        var sheetList = ""
        var rels = ""
        for (i, (name, _)) in sheets.enumerated() {
            sheetList += "<sheet name=\"\(name)\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            let target = absoluteTargets ? "/xl/worksheets/sheet\(i + 1).xml" : "worksheets/sheet\(i + 1).xml"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(relNS)/worksheet\" Target=\"\(target)\"/>"
        }
        rels += "<Relationship Id=\"rIdS\" Type=\"\(relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        rels += "<Relationship Id=\"rIdT\" Type=\"\(relNS)/styles\" Target=\"styles.xml\"/>"
        f.add("xl/workbook.xml", """
            <?xml version="1.0"?><workbook xmlns="\(mainNS)" xmlns:r="\(relNS)">\
            <workbookPr\(date1904 ? " date1904=\"1\"" : "")/><sheets>\(sheetList)</sheets></workbook>
            """)
        f.add("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"\(pkgNS)\">\(rels)</Relationships>")
        for (i, (_, data)) in sheets.enumerated() {
            f.add("xl/worksheets/sheet\(i + 1).xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"\(mainNS)\"><sheetData>\(data)</sheetData></worksheet>")
        }
        if let sharedStrings {
            f.add("xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst xmlns=\"\(mainNS)\">\(sharedStrings.joined())</sst>")
        }
        if let styles {
            f.add("xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet xmlns=\"\(mainNS)\">\(styles)</styleSheet>")
        }
        return f
    }

    /// Inline-string cell: keeps fixtures readable without a shared-strings table.
    static func s(_ ref: String, _ text: String) -> String {
        "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
    }

    /// One row of inline strings starting at column A.
    static func row(_ number: Int, _ values: [String]) -> String {
        var cells = ""
        for (i, v) in values.enumerated() where !v.isEmpty {
            cells += s(SpreadsheetColumn.letters(i) + "\(number)", v)
        }
        return "<row r=\"\(number)\">\(cells)</row>"
    }

    func data(compression: CompressionMethod = .deflate) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: compression) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }
}

enum SpreadsheetColumn {
    static func letters(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            s = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + s
            n = (n - 1) / 26
        }
        return s
    }
}
