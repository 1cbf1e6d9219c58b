import Foundation
import ZIPFoundation

/// Entry point for reading a workbook of either format; the format is sniffed from the content, never
/// taken from the file name.
public struct SpreadsheetReader: Sendable {
    public var limits: COBieReadLimits

    public init(limits: COBieReadLimits = .default) {
        self.limits = limits
    }

    /// Reads a workbook file from disk. An xlsx is read through the file itself (parts are inflated one
    /// at a time), a SpreadsheetML document is read into memory.
    public func read(contentsOf url: URL) throws -> SpreadsheetWorkbook {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw COBieReadError.io("cannot open \(url.lastPathComponent)")
        }
        if size > limits.maxFileBytes {
            throw COBieReadError.limitExceeded(limit: "file size", part: nil, detail: "\(size) bytes, more than \(limits.maxFileBytes)")
        }
        let head: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = try handle.read(upToCount: 64) ?? Data()
        } catch {
            throw COBieReadError.io("cannot read \(url.lastPathComponent)")
        }
        switch Self.sniff(head) {
        case .xlsx:
            return try readArchive(at: url)
        case .spreadsheetML2003:
            let data: Data
            do { data = try Data(contentsOf: url) } catch { throw COBieReadError.io("cannot read \(url.lastPathComponent)") }
            return try SpreadsheetMLReader(limits: limits).read(data)
        case nil:
            throw COBieReadError.unrecognizedFormat
        }
    }

    /// Reads a workbook held in memory. An xlsx is spooled to a private temporary file first:
    /// ZIPFoundation's in-memory archive traps when a damaged directory points past the end of the
    /// data, while its file-backed reader just reads short and reports an error.
    public func read(data: Data) throws -> SpreadsheetWorkbook {
        if data.count > limits.maxFileBytes {
            throw COBieReadError.limitExceeded(limit: "file size", part: nil, detail: "\(data.count) bytes, more than \(limits.maxFileBytes)")
        }
        switch Self.sniff(data) {
        case .xlsx:
            let url = FileManager.default.temporaryDirectory
                .appendingPathComponent("cobie-\(UUID().uuidString).xlsx")
            do {
                try data.write(to: url, options: [.withoutOverwriting])
            } catch {
                throw COBieReadError.io("cannot spool the workbook to a temporary file")
            }
            defer { try? FileManager.default.removeItem(at: url) }
            return try readArchive(at: url)
        case .spreadsheetML2003:
            return try SpreadsheetMLReader(limits: limits).read(data)
        case nil:
            throw COBieReadError.unrecognizedFormat
        }
    }

    private func readArchive(at url: URL) throws -> SpreadsheetWorkbook {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw COBieReadError.corruptArchive("no readable zip directory")
        }
        return try XLSXReader(limits: limits).read(archive: archive)
    }

    /// Zip local-file magic means xlsx; a document starting (after a BOM and blanks) with "<" is XML.
    public static func sniff(_ data: Data) -> SpreadsheetWorkbook.Format? {
        let head = Array(data.prefix(64))
        if head.count >= 4, head[0] == 0x50, head[1] == 0x4B, head[2] == 0x03 || head[2] == 0x05, head[3] == 0x04 || head[3] == 0x06 {
            return .xlsx
        }
        var i = 0
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { i = 3 }
        if head.count >= 2, (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF) {
            return .spreadsheetML2003
        }
        while i < head.count, head[i] == 0x20 || head[i] == 0x09 || head[i] == 0x0A || head[i] == 0x0D { i += 1 }
        if i < head.count, head[i] == 0x3C { return .spreadsheetML2003 }
        return nil
    }
}
