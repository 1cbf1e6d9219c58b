import Foundation
import Testing
import TwinDomain
@testable import TwinImport

/// Bad uploads get the right stable error code (and a location when there is one); good ones are
/// recognised by content whatever they are called.
@Suite struct ImportSnifferTests {
    static let sample = TwinImporterSampleTests.samples.appendingPathComponent("atrium-dc.ifc")

    /// A fresh temporary file holding `bytes` (named `.ifc` on purpose: names must not matter).
    static func file(_ bytes: [UInt8], name: String = "upload.ifc") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("import-sniffer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Removes what ``file(_:name:)`` made.
    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }

    /// Sniffs `bytes` from a temporary file, removed afterwards.
    static func sniff(_ bytes: [UInt8], name: String = "upload.ifc") throws -> ImportFormat {
        let url = try file(bytes, name: name)
        defer { remove(url) }
        return try ImportSniffer.sniff(fileAt: url)
    }

    static func code(sniffing bytes: [UInt8]) throws -> String? {
        do {
            _ = try sniff(bytes)
            return nil
        } catch let error as ImportError {
            return error.code
        }
    }

    static func importError(_ bytes: [UInt8], format: ImportFormat) async throws -> ImportError? {
        let url = try file(bytes)
        defer { remove(url) }
        do {
            _ = try await TwinImporter().importFile(at: url, format: format, rules: .default, progress: { _, _ in }) { _ in }
            return nil
        } catch {
            return error
        }
    }

    // MARK: Recognised formats

    @Test func recognisesSTEPWhateverTheName() throws {
        let head = Array("\u{FEFF}\n  ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4'));\nENDSEC;\n".utf8)
        #expect(try Self.sniff(head, name: "model.xlsx") == .ifcSTEP)
    }

    @Test func recognisesSpreadsheetML() throws {
        let xml = Array("<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"></Workbook>".utf8)
        #expect(try Self.sniff(xml) == .cobieSpreadsheetML)
    }

    @Test func recognisesIFCZipAndImportsIt() async throws {
        let ifc = Array(try Data(contentsOf: Self.sample))
        let zip = ZipBuilder.archive([("atrium-dc.ifc", ifc)])
        let url = try Self.file(zip, name: "upload.bin")
        defer { Self.remove(url) }
        #expect(try ImportSniffer.sniff(fileAt: url) == .ifcZIP)
        let batch = try await TwinImporter(extractGeometry: false).importFile(
            at: url, format: .ifcZIP, rules: .default, progress: { _, _ in }) { _ in }
        #expect(batch.assets.filter { $0.kind == .rack }.count == 64)
    }

    @Test func zipWithoutIFCOrWorkbookIsUnsupported() throws {
        let zip = ZipBuilder.archive([("readme.txt", Array("hello".utf8))])
        #expect(try Self.code(sniffing: zip) == ImportError.Code.unsupportedFormat)
    }

    // MARK: Bad uploads

    @Test func emptyUploads() async throws {
        #expect(try Self.code(sniffing: []) == ImportError.Code.empty)
        #expect(try Self.code(sniffing: Array(" \n\t\r\n".utf8)) == ImportError.Code.empty)
        #expect(try await Self.importError([], format: .ifcSTEP)?.code == ImportError.Code.empty)
    }

    @Test func notIFCAtAll() async throws {
        #expect(try Self.code(sniffing: Array("hello, this is a text file\n".utf8)) == ImportError.Code.unsupportedFormat)
        #expect(try Self.code(sniffing: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) == ImportError.Code.unsupportedFormat)
        #expect(try Self.code(sniffing: Array("<html><body>upload</body></html>".utf8)) == ImportError.Code.unsupportedFormat)
        let ap214 = Array("ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\nFILE_NAME('a','',(''),(''),'','','');\nFILE_SCHEMA(('AUTOMOTIVE_DESIGN { 1 0 10303 214 1 1 1 1 }'));\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n".utf8)
        #expect(try Self.code(sniffing: ap214) == ImportError.Code.notIFC)
        // Told it is IFC anyway (e.g. the sniffer was skipped): the importer refuses it too.
        #expect(try await Self.importError(ap214, format: .ifcSTEP)?.code == ImportError.Code.notIFC)
        #expect(try await Self.importError(Array("not a workbook".utf8), format: .cobieXLSX)?.code == ImportError.Code.unsupportedFormat)
    }

    @Test func truncatedSTEPIsAnErrorWithAPosition() async throws {
        let whole = Array(try Data(contentsOf: Self.sample))
        // Cut in the middle of the DATA section, then also just before END-ISO-10303-21.
        for cut in [whole.count / 2, whole.count - 20] {
            let bytes = Array(whole[..<cut])
            #expect(try Self.sniff(bytes) == .ifcSTEP, "the head is still STEP")
            let error = try #require(try await Self.importError(bytes, format: .ifcSTEP))
            #expect(error.code == ImportError.Code.truncated)
            #expect(error.line != nil && error.column != nil)
            #expect(error.location?.hasPrefix("line ") == true)
        }
        // A missing ENDSEC before END-ISO-10303-21 is truncation too.
        let noEndsec = Array("ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\nFILE_NAME('a','',(''),(''),'','','');\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n#1=IFCPROJECT('0YvctVUKr0kugbFTf53O9L',$,'P',$,$,$,$,$,$);\nEND-ISO-10303-21;\n".utf8)
        #expect(try await Self.importError(noEndsec, format: .ifcSTEP)?.code == ImportError.Code.truncated)
    }

    @Test func zipBombsAreRefusedBeforeInflating() async throws {
        // Declared sizes: one 20-byte entry claiming 8 GB (zip64), and one claiming a 1:10,000 ratio.
        let huge = ZipBuilder.archive([("model.ifc", Array(repeating: 0x41, count: 20))], declaredSize: 8 << 30)
        #expect(try Self.code(sniffing: huge) == ImportError.Code.zipBomb)
        let ratio = ZipBuilder.archive([("model.ifc", Array(repeating: 0x41, count: 2000))], declaredSize: 20_000_000)
        #expect(try Self.code(sniffing: ratio) == ImportError.Code.zipBomb)
        // Gzip: the trailer's ISIZE says 4 GB from a few bytes.
        var gzip: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0]
        gzip += Array(repeating: 0, count: 100) + [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(try Self.code(sniffing: gzip) == ImportError.Code.zipBomb)
        // The reader's own inflation limit maps to the same code.
        #expect(IFCFileOpener.map(.decompressedSizeLimitExceeded(limit: 100)).code == ImportError.Code.zipBomb)
        // A truncated archive (no central directory) is corrupt, not a crash.
        let cut = Array(ZipBuilder.archive([("model.ifc", Array(repeating: 0x41, count: 200))]).prefix(100))
        #expect(try Self.code(sniffing: cut) == ImportError.Code.corruptArchive)
    }

    @Test func brokenWorkbooks() async throws {
        // Looks like an xlsx from its directory, but the parts are garbage.
        let xlsx = ZipBuilder.archive([("[Content_Types].xml", Array("<Types".utf8)), ("xl/workbook.xml", Array("not xml <<".utf8))])
        #expect(try Self.sniff(xlsx) == .cobieXLSX)
        let error = try #require(try await Self.importError(xlsx, format: .cobieXLSX))
        #expect([ImportError.Code.malformedWorkbook, ImportError.Code.corruptArchive].contains(error.code), "\(error)")
        // A well-formed SpreadsheetML workbook without a Facility row describes no facility.
        let xml = Array("<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet ss:Name=\"Floor\"><Table><Row><Cell><Data ss:Type=\"String\">Name</Data></Cell></Row></Table></Worksheet></Workbook>".utf8)
        #expect(try await Self.importError(xml, format: .cobieSpreadsheetML)?.code == ImportError.Code.noFacility)
    }

    @Test func errorsAreClientSafe() {
        let e = IFCFileOpener.map(.unreadable(path: "/srv/secret/upload-123.ifc", reason: "EACCES"))
        #expect(!e.message.contains("/srv"))
        #expect(!e.isClientError)
        #expect(ImportError(code: ImportError.Code.truncated, message: "x", line: 3, column: 7).location == "line 3, column 7")
        #expect(ImportError(code: ImportError.Code.malformedWorkbook, message: "x", sheet: "Component", row: 7, columnName: "C").location == "Component!C7")
    }
}

/// Writes small zip archives by hand (stored entries), optionally lying about the uncompressed size
/// the way a zip bomb does.
enum ZipBuilder {
    static func archive(_ entries: [(name: String, data: [UInt8])], declaredSize: Int64? = nil) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ into: inout [UInt8]) { into += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ into: inout [UInt8]) { for k in 0..<4 { into.append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
        func u64(_ v: UInt64, _ into: inout [UInt8]) { for k in 0..<8 { into.append(UInt8((v >> (8 * UInt64(k))) & 0xFF)) } }
        for (name, data) in entries {
            let offset = out.count
            let crc = crc32(data)
            let declared = declaredSize ?? Int64(data.count)
            let zip64 = declared > 0xFFFF_FFFE
            out += [0x50, 0x4B, 0x03, 0x04]
            u16(20, &out); u16(0, &out); u16(0, &out); u16(0, &out); u16(0, &out)
            u32(crc, &out); u32(UInt32(data.count), &out); u32(UInt32(data.count), &out)
            u16(name.utf8.count, &out); u16(0, &out)
            out += Array(name.utf8) + data
            central += [0x50, 0x4B, 0x01, 0x02]
            u16(45, &central); u16(20, &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central)
            u32(crc, &central); u32(UInt32(data.count), &central)
            u32(zip64 ? 0xFFFF_FFFF : UInt32(declared), &central)
            u16(name.utf8.count, &central); u16(zip64 ? 12 : 0, &central); u16(0, &central)
            u16(0, &central); u16(0, &central); u32(0, &central); u32(UInt32(offset), &central)
            central += Array(name.utf8)
            if zip64 { u16(1, &central); u16(8, &central); u64(UInt64(declared), &central) }
        }
        let cdOffset = out.count
        out += central
        out += [0x50, 0x4B, 0x05, 0x06]
        u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(UInt32(cdOffset), &out); u16(0, &out)
        return out
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in data {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}

/// The verdict on an upload's first bytes, given while it streams.
@Suite struct ImportHeadTests {
    @Test func headsRefuseOnlyWhatTheyProve() {
        let step = Array("ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4'));\n".utf8)
        #expect(ImportSniffer.refusal(head: step, complete: false) == nil)
        #expect(ImportSniffer.refusal(head: Array("ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('AP214'));\n".utf8), complete: false)?.code
                == ImportError.Code.notIFC)
        #expect(ImportSniffer.refusal(head: [0x50, 0x4B, 0x03, 0x04], complete: false) == nil, "zip: judged when staged")
        #expect(ImportSniffer.refusal(head: [0x1F, 0x8B], complete: false) == nil, "gzip: judged when staged")
        #expect(ImportSniffer.refusal(head: Array("a shopping list\n".utf8), complete: false)?.code == ImportError.Code.unsupportedFormat)
        #expect(ImportSniffer.refusal(head: [], complete: false) == nil)
        #expect(ImportSniffer.refusal(head: [], complete: true)?.code == ImportError.Code.empty)
        #expect(ImportSniffer.refusal(head: Array("   \n".utf8), complete: false) == nil, "blanks so far")
        #expect(ImportSniffer.refusal(head: Array("<?xml version=\"1.0\"?><Workbook".utf8), complete: false) == nil)
        #expect(ImportSniffer.refusal(head: Array("<html></html>".utf8), complete: true)?.code == ImportError.Code.unsupportedFormat)
    }
}
