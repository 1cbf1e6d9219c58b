import COBie
import Foundation
import Testing
import ZIPFoundation

/// Hostile and broken inputs, generated here: each must end in a clear `COBieReadError` within
/// bounded memory and time, never a crash.
struct ReadLimitsTests {
    typealias F = WorkbookFixture

    /// A package whose `path` part is `size` bytes made by repeating `block`.
    static func package(with path: String, repeating block: String, size: Int, base: WorkbookFixture) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (p, bytes) in base.parts where p != path {
            try archive.addEntry(with: p, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { pos, n in
                bytes.subdata(in: Int(pos)..<Int(pos) + n)
            }
        }
        let unit = Data(String(repeating: block, count: max(1, 65_536 / block.utf8.count)).utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate,
                             bufferSize: 1 << 20) { position, n in
            var chunk = Data(capacity: n)
            var offset = Int(position) % unit.count
            while chunk.count < n {
                let take = min(unit.count - offset, n - chunk.count)
                chunk.append(unit.subdata(in: offset..<offset + take))
                offset = 0
            }
            return chunk
        }
        return archive.data ?? Data()
    }

    static func expectLimit(_ data: Data, _ name: String, limits: COBieReadLimits = .default) {
        let start = Date()
        do {
            _ = try COBieReader(limits: limits).read(data: data)
            Issue.record("expected the \(name) limit to stop reading")
        } catch let error as COBieReadError {
            guard case .limitExceeded(let limit, _, _) = error else {
                Issue.record("expected limitExceeded(\(name)), got \(error)")
                return
            }
            #expect(limit == name)
            #expect(!error.description.isEmpty)
        } catch {
            Issue.record("unexpected error type \(error)")
        }
        #expect(Date().timeIntervalSince(start) < 60)
    }

    @Test func twoHundredMegabyteSharedStringsIsRefused() throws {
        let base = F.xlsx(sheets: [("Contact", F.row(1, ["Email"]))], sharedStrings: ["<si><t>x</t></si>"])
        let size = 200 << 20
        let data = try Self.package(with: "xl/sharedStrings.xml", repeating: "<si><t>Pump room 12</t></si>", size: size, base: base)
        #expect(data.count < size / 20)  // it really is a small file that claims 200 MB
        Self.expectLimit(data, "part size")
    }

    @Test func highlyCompressedPartIsRefusedBeforeInflating() throws {
        let base = F.xlsx(sheets: [("Contact", "")])
        let data = try Self.package(with: "xl/worksheets/sheet1.xml", repeating: "\u{20}", size: 40 << 20, base: base)
        Self.expectLimit(data, "compression ratio")
    }

    @Test func partInflatingPastItsDeclaredSizeIsStopped() throws {
        let base = F.xlsx(sheets: [("Contact", "")])
        var data = try Self.package(with: "xl/worksheets/sheet1.xml", repeating: "<row/>", size: 8 << 20, base: base)
        // Lie about the size in both the local header and the central directory: 8 MB now claims 4 KB.
        try ZipPatch.setUncompressedSize(of: "xl/worksheets/sheet1.xml", to: 4096, in: &data)
        Self.expectLimit(data, "part size")
    }

    @Test func millionRowSheetIsRefused() throws {
        var rows = ""
        rows.reserveCapacity(40 << 20)
        for r in 1...1_000_000 { rows += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>1</v></c></row>" }
        let data = try F.xlsx(sheets: [("Attribute", rows)]).data()
        Self.expectLimit(data, "rows per sheet")
    }

    @Test func smallerConfiguredLimitsApply() throws {
        let rows = (1...50).map { F.row($0, ["r\($0)"]) }.joined()
        let data = try F.xlsx(sheets: [("Space", rows)]).data()
        Self.expectLimit(data, "rows per sheet", limits: COBieReadLimits(maxRowsPerSheet: 10))
        Self.expectLimit(data, "cells", limits: COBieReadLimits(maxCells: 20))
        Self.expectLimit(data, "file size", limits: COBieReadLimits(maxFileBytes: 100))
    }

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
         <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
         <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
         <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
         <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
         <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
         <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        """

    static func expectRefusedXML(_ data: Data) {
        let start = Date()
        do {
            _ = try COBieReader().read(data: data)
            Issue.record("entity expansion was not refused")
        } catch let error as COBieReadError {
            switch error {
            case .forbiddenXMLConstruct, .malformedXML: break
            default: Issue.record("unexpected \(error)")
            }
        } catch {
            Issue.record("unexpected error type \(error)")
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func billionLaughsInSpreadsheetML() {
        let xml = Self.billionLaughs + "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet Name=\"S\"><Table><Row><Cell><Data>&lol9;</Data></Cell></Row></Table></Worksheet></Workbook>"
        Self.expectRefusedXML(Data(xml.utf8))
    }

    @Test func billionLaughsInSharedStrings() throws {
        var fixture = F.xlsx(sheets: [("S", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")])
        fixture.add("xl/sharedStrings.xml", Self.billionLaughs + "<sst xmlns=\"\(F.mainNS)\"><si><t>&lol9;</t></si></sst>")
        Self.expectRefusedXML(try fixture.data())
    }

    @Test func externalEntityIsNotFetched() throws {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Workbook><Worksheet><Table><Row><Cell><Data>&x;</Data></Cell></Row></Table></Worksheet></Workbook>"
        Self.expectRefusedXML(Data(xml.utf8))
    }

    @Test func corruptZipsFailCleanly() throws {
        let good = try F.xlsx(sheets: [("Space", (1...200).map { F.row($0, ["Room \($0)", "Level 1"]) }.joined())]).data()
        var damaged: [Data] = [
            good.prefix(good.count / 2),  // truncated: no central directory
            Data("PK\u{3}\u{4}".utf8) + Data(repeating: 0x41, count: 500),  // magic then garbage
            Data("PK\u{3}\u{4}".utf8),
        ]
        // Flip bytes inside the compressed sheet data: inflate error or CRC mismatch.
        var flipped = good
        if let range = flipped.range(of: Data("xl/worksheets/sheet1.xml".utf8)) {
            for i in (range.upperBound + 10)..<min(range.upperBound + 60, flipped.count) { flipped[i] ^= 0x5A }
        }
        damaged.append(flipped)
        for data in damaged {
            do {
                _ = try COBieReader().read(data: data)
                Issue.record("a damaged zip of \(data.count) bytes was read without error")
            } catch let error as COBieReadError {
                #expect(!error.description.isEmpty)
            } catch {
                Issue.record("unexpected error type \(error)")
            }
        }
    }
}

extension ReadLimitsTests {
    /// Regression (fuzzer): a central directory pointing past the end of the data used to trap inside
    /// ZIPFoundation's in-memory archive.
    @Test func directoryPointingPastTheEndFailsCleanly() throws {
        var data = try F.xlsx(sheets: [("Space", F.row(1, ["Name"]))]).data()
        try ZipPatch.setLocalHeaderOffset(of: "xl/workbook.xml", to: UInt32(data.count + 10_000), in: &data)
        #expect(throws: COBieReadError.self) { try COBieReader().read(data: data) }
    }
}

/// Rewrites the uncompressed-size fields of one entry, to simulate a zip that lies about its sizes.
enum ZipPatch {
    struct NotFound: Error {}

    static func setUncompressedSize(of path: String, to size: UInt32, in data: inout Data) throws {
        let name = Data(path.utf8)
        var patched = 0
        var i = data.startIndex
        while i + 46 < data.endIndex {
            let sig = data.subdata(in: i..<i + 4)
            if sig == Data([0x50, 0x4B, 0x03, 0x04]), data.subdata(in: i + 30..<i + 30 + name.count) == name {
                write(size, at: i + 22, in: &data)
                patched += 1
            } else if sig == Data([0x50, 0x4B, 0x01, 0x02]), data.subdata(in: i + 46..<min(i + 46 + name.count, data.endIndex)) == name {
                write(size, at: i + 24, in: &data)
                patched += 1
            }
            i += 1
        }
        if patched < 2 { throw NotFound() }
    }

    static func setLocalHeaderOffset(of path: String, to offset: UInt32, in data: inout Data) throws {
        let name = Data(path.utf8)
        var i = data.startIndex
        while i + 46 + name.count <= data.endIndex {
            if data.subdata(in: i..<i + 4) == Data([0x50, 0x4B, 0x01, 0x02]), data.subdata(in: i + 46..<i + 46 + name.count) == name {
                write(offset, at: i + 42, in: &data)
                return
            }
            i += 1
        }
        throw NotFound()
    }

    static func write(_ value: UInt32, at offset: Int, in data: inout Data) {
        for b in 0..<4 { data[offset + b] = UInt8((value >> (8 * UInt32(b))) & 0xFF) }
    }
}
