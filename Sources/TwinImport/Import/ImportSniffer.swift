import Foundation
import TwinDomain

/// Decides what an upload is from its bytes, never from its name or declared content type
/// (uploads get renamed), and refuses archives that would expand into a zip bomb before anything
/// decompresses them.
public enum ImportSniffer {
    /// How much of the file's start is looked at for magic bytes and the STEP header.
    static let headBytes = 64 << 10

    public static func sniff(fileAt url: URL, limits: ImportLimits = ImportLimits()) throws(ImportError) -> ImportFormat {
        let file: ZipFileReader
        do { file = try ZipFileReader(url: url) } catch {
            throw ImportError(code: ImportError.Code.unreadable, message: "The uploaded file could not be read.")
        }
        defer { file.close() }
        guard file.size > 0 else { throw .empty() }
        let head = file.read(at: 0, count: Int(min(Int64(headBytes), file.size)))

        if head.count >= 2, head[0] == 0x1F, head[1] == 0x8B {
            try checkGzip(file, limits: limits)
            return .ifcGzip
        }
        if head.count >= 4, head[0] == 0x50, head[1] == 0x4B, head[2] == 0x03 || head[2] == 0x05, head[3] == head[2] + 1 {
            return try sniffZip(file, limits: limits)
        }
        return try sniffText(head)
    }

    /// What the first bytes of an upload already prove, while the rest is still arriving: nil
    /// when they may start a model (gzip and zip need their ends, so they pass here), else the
    /// refusal the whole file would get. `complete` says the head is the whole file.
    public static func refusal(head: [UInt8], complete: Bool) -> ImportError? {
        guard !head.isEmpty else { return complete ? .empty() : nil }
        if head[0] == 0x1F || head[0] == 0x50 { return nil }  // gzip, zip: judged on the staged file
        // XML names its SpreadsheetML namespace early, but a head may stop before it.
        if !complete, head.drop(while: { isSpace($0) || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }).first == UInt8(ascii: "<") {
            return nil
        }
        do {
            _ = try sniffText(Array(head.prefix(headBytes)))
            return nil
        } catch {
            // A STEP header cut before FILE_SCHEMA, or only blanks so far, may still be a model.
            if !complete, error.code == ImportError.Code.empty { return nil }
            return error
        }
    }

    // MARK: Text

    static func sniffText(_ head: [UInt8]) throws(ImportError) -> ImportFormat {
        var start = 0
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { start = 3 }
        while start < head.count, isSpace(head[start]) { start += 1 }
        guard start < head.count else { throw .empty() }
        let text = String(decoding: head[start...], as: UTF8.self)
        if text.hasPrefix("ISO-10303-21") {
            if let schema = fileSchema(in: text), !schema.uppercased().hasPrefix("IFC") {
                throw ImportError(code: ImportError.Code.notIFC,
                                  message: "The STEP file's schema is \(schema.prefix(64)), not IFC.")
            }
            return .ifcSTEP
        }
        if text.hasPrefix("<") {
            if text.contains("urn:schemas-microsoft-com:office:spreadsheet") { return .cobieSpreadsheetML }
            throw .unsupported("an XML document that is not a SpreadsheetML 2003 workbook")
        }
        if head[start...].contains(0) { throw .unsupported("a binary file of an unknown kind") }
        throw .unsupported("text that is neither STEP (ISO-10303-21) nor XML")
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// First identifier of `FILE_SCHEMA(('…'))` in the header, if the header fits the sniffed bytes.
    static func fileSchema(in text: String) -> String? {
        guard let range = text.range(of: "FILE_SCHEMA") else { return nil }
        let rest = text[range.upperBound...].prefix(512)
        guard let open = rest.firstIndex(of: "'") else { return nil }
        let after = rest[rest.index(after: open)...]
        guard let close = after.firstIndex(of: "'") else { return nil }
        return String(after[..<close])
    }

    // MARK: Gzip

    /// Gzip stores the uncompressed size modulo 2³² in its last four bytes; a ratio check on it stops
    /// the obvious bombs here, and the STEP reader's own limit stops the rest while inflating.
    static func checkGzip(_ file: ZipFileReader, limits: ImportLimits) throws(ImportError) {
        guard file.size >= 18 else {
            throw ImportError(code: ImportError.Code.corruptArchive, message: "The gzip stream is cut short.")
        }
        let tail = file.read(at: file.size - 4, count: 4)
        let isize = Int64(tail[0]) | Int64(tail[1]) << 8 | Int64(tail[2]) << 16 | Int64(tail[3]) << 24
        if limits.isBomb(uncompressed: isize, compressed: file.size) {
            throw .zipBomb("\(file.size) bytes declare \(isize) bytes uncompressed")
        }
    }

    // MARK: Zip

    static func sniffZip(_ file: ZipFileReader, limits: ImportLimits) throws(ImportError) -> ImportFormat {
        let entries: [ZipFileReader.Entry]
        do { entries = try file.centralDirectory(maxEntries: limits.maxZipEntries) } catch {
            throw ImportError(code: ImportError.Code.corruptArchive, message: "The zip archive is damaged: \(error.reason).")
        }
        var total: Int64 = 0
        for entry in entries {
            if limits.isBomb(uncompressed: entry.uncompressedSize, compressed: entry.compressedSize) {
                throw .zipBomb("entry of \(entry.compressedSize) bytes declares \(entry.uncompressedSize) bytes")
            }
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            total = overflow ? .max : sum
        }
        if limits.isBomb(uncompressed: total, compressed: file.size) {
            throw .zipBomb("\(file.size) bytes declare \(total) bytes uncompressed")
        }
        let names = entries.map { $0.name.lowercased() }
        if names.contains("[content_types].xml"), names.contains(where: { $0.hasPrefix("xl/") }) { return .cobieXLSX }
        if names.contains(where: { $0.hasSuffix(".ifc") && !$0.hasPrefix("__macosx/") }) { return .ifcZIP }
        throw .unsupported("a zip archive holding neither an .ifc file nor an Excel workbook")
    }
}
