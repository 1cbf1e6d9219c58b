import Foundation
import IFC
import TwinDomain

/// Opens an upload as an `IFCModel`, turning every way that can fail into an `ImportError` a client
/// can act on. A truncated file is refused outright: importing the part that arrived would publish a
/// model version silently missing whatever came after the cut.
enum IFCFileOpener {
    static func open(_ url: URL, limits: ImportLimits) throws(ImportError) -> IFCModel {
        let options = STEPReadOptions(maxDecompressedBytes: Int(clamping: limits.maxUncompressedBytes),
                                      maxCompressionRatio: limits.maxCompressionRatio)
        let file: STEPFile
        do { file = try STEPFile.read(contentsOf: url, options: options) } catch { throw map(error) }
        if file.bytes.isEmpty { throw .empty() }
        try checkComplete(file)
        do { return try IFCModel(file: file) } catch {
            switch error {
            case .step(let e): throw map(e)
            case .missingSchema:
                throw ImportError(code: ImportError.Code.notIFC, message: "The STEP header names no FILE_SCHEMA, so this is not an IFC file.")
            case .unsupportedSchema(let id):
                if id.uppercased().hasPrefix("IFC") {
                    throw ImportError(code: ImportError.Code.unsupportedSchema,
                                      message: "IFC schema '\(id.prefix(64))' is not supported; use IFC2X3, IFC4 or IFC4X3.")
                }
                throw ImportError(code: ImportError.Code.notIFC, message: "The STEP file's schema is '\(id.prefix(64))', not IFC.")
            }
        }
    }

    static func map(_ error: STEPError) -> ImportError {
        switch error {
        case .unreadable:
            return ImportError(code: ImportError.Code.unreadable, message: "The uploaded file could not be read.")
        case .corruptArchive(let why):
            return ImportError(code: ImportError.Code.corruptArchive, message: "The compressed upload is damaged: \(why).")
        case .decompressedSizeLimitExceeded(let limit):
            return .zipBomb("more than \(limit) bytes once decompressed")
        case .noSTEPEntryInArchive:
            return ImportError(code: ImportError.Code.notIFC, message: "The zip archive contains no .ifc file.")
        case .unsupportedCompressionMethod(let m):
            return ImportError(code: ImportError.Code.corruptArchive, message: "The zip archive uses compression method \(m); only stored and deflated entries are supported.")
        case .inputTooLarge:
            return ImportError(code: ImportError.Code.unsupportedFormat, message: "The upload is too large to index.")
        }
    }

    /// A complete exchange file ends with `END-ISO-10303-21;` (comments and whitespace may follow), and
    /// the reader reports sections or instances left open at the end of the bytes.
    static func checkComplete(_ file: STEPFile) throws(ImportError) {
        let bytes = file.bytes
        guard bytes.count > 12, bytes.starts(with: Array("ISO-10303-21".utf8)) || startsAfterSpace(bytes) else {
            throw ImportError(code: ImportError.Code.notIFC, message: "The (decompressed) upload is not a STEP file: it does not start with 'ISO-10303-21;'.")
        }
        let endOfFile = file.position(ofByteOffset: bytes.count)
        for d in file.diagnostics where d.severity == .error {
            if d.message.contains("at end of file") || d.message.contains("truncated")
                || d.message.contains("missing 'ENDSEC;' before 'END-ISO-10303-21;'") {
                throw ImportError(code: ImportError.Code.truncated,
                                  message: "The IFC file is truncated: \(d.message).", line: d.line, column: d.column)
            }
        }
        guard endsWithTerminator(bytes) else {
            throw ImportError(code: ImportError.Code.truncated,
                              message: "The IFC file is truncated: it does not end with 'END-ISO-10303-21;'.",
                              line: endOfFile.line, column: endOfFile.column)
        }
    }

    static func startsAfterSpace(_ bytes: [UInt8]) -> Bool {
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < bytes.count, ImportSniffer.isSpace(bytes[i]) { i += 1 }
        return bytes[i...].starts(with: Array("ISO-10303-21".utf8))
    }

    /// Scans back over whitespace and `/* … */` comments and looks for the terminator.
    static func endsWithTerminator(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        var guardSteps = 0
        while end > 0, guardSteps < 1000 {
            guardSteps += 1
            if ImportSniffer.isSpace(bytes[end - 1]) || bytes[end - 1] == 0 || bytes[end - 1] == 0x1A { end -= 1; continue }
            if end >= 2, bytes[end - 1] == 0x2F, bytes[end - 2] == 0x2A {
                // Find the comment's start.
                var i = end - 2
                while i >= 1, !(bytes[i - 1] == 0x2F && bytes[i] == 0x2A) { i -= 1 }
                guard i >= 1 else { return false }
                end = i - 1
                continue
            }
            break
        }
        var k = end
        if k > 0, bytes[k - 1] == 0x3B { k -= 1 } else { return false }
        while k > 0, ImportSniffer.isSpace(bytes[k - 1]) { k -= 1 }
        let keyword = Array("END-ISO-10303-21".utf8)
        guard k >= keyword.count else { return false }
        return bytes[(k - keyword.count)..<k].elementsEqual(keyword)
    }
}
