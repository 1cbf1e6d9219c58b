import COBie
import Foundation
import TwinDomain

extension TwinImporter {
    func importCOBie(
        at url: URL, format: ImportFormat, rules: ClassificationRules, progress: @Sendable (ImportPhase, Int) -> Void,
        batchReady: (ImportBatch) async throws -> Void,
        documents: (_ chunk: [EntityDocumentDraft]) async throws -> Void
    ) async throws(ImportError) -> ImportBatch {
        progress(.parsing, 0)
        let result: COBieReadResult
        do { result = try COBieReader(limits: cobieLimits).read(contentsOf: url) } catch let error as COBieReadError {
            throw Self.map(error)
        } catch {
            throw ImportError(code: ImportError.Code.malformedWorkbook, message: "The workbook could not be read.")
        }
        progress(.parsing, 40)
        try Self.checkCancelled()
        var builder = COBieBatchBuilder(model: result.model, rules: rules, format: format)
        var batch = try builder.buildBatch()
        // The reader's own findings (missing required cells, bad pick-list values…), capped.
        for issue in result.issues.prefix(200) {
            var location: String?
            if let sheet = issue.sheet {
                if let row = issue.row, let column = issue.column { location = "\(sheet)!\(column)\(row)" }
                else if let row = issue.row { location = "\(sheet) row \(row)" } else { location = sheet }
            }
            batch.messages.append(ImportMessage(
                severity: issue.severity == .error ? .error : issue.severity == .warning ? .warning : .info,
                message: issue.message, location: location, code: "cobie.\(issue.kind.rawValue)"))
        }
        progress(.classifying, 60)
        try await announce(batch, to: batchReady)
        let rows = builder.documentRows()
        var used = Set<String>()
        var chunk: [EntityDocumentDraft] = []
        for (n, row) in rows.enumerated() {
            let (draft, fingerprint) = builder.document(row, usedKeys: &used)
            chunk.append(draft)
            batch.fingerprints.append(fingerprint)
            if chunk.count >= chunkSize {
                try await flush(&chunk, documents)
                progress(.documents, 60 + 40 * (n + 1) / max(rows.count, 1))
            }
        }
        try await flush(&chunk, documents)
        progress(.documents, 100)
        return batch
    }

    /// The COBie reader's bounds, tied to ours so one setting governs zip bombs for every format.
    var cobieLimits: COBieReadLimits {
        var l = COBieReadLimits()
        l.maxCompressionRatio = limits.maxCompressionRatio
        l.maxTotalUncompressedBytes = Int(clamping: min(limits.maxUncompressedBytes, Int64(l.maxTotalUncompressedBytes)))
        return l
    }

    static func map(_ error: COBieReadError) -> ImportError {
        switch error {
        case .unrecognizedFormat:
            return .unsupported("neither an Excel workbook nor a SpreadsheetML 2003 workbook")
        case .corruptArchive(let why):
            return ImportError(code: ImportError.Code.corruptArchive, message: "The workbook's zip container is damaged: \(why).")
        case .missingPart(let part):
            return ImportError(code: ImportError.Code.malformedWorkbook, message: "The workbook has no \(part) part.", sheet: part)
        case .malformedXML(let part, let line, let column, let message):
            return ImportError(code: ImportError.Code.malformedWorkbook, message: "\(part) is not well-formed XML: \(message)",
                               line: line, column: column, sheet: part)
        case .forbiddenXMLConstruct(let part, let line, let construct):
            return ImportError(code: ImportError.Code.malformedWorkbook, message: "\(part) contains \(construct), which workbooks never need.",
                               line: line, sheet: part)
        case .limitExceeded(let limit, let part, let detail):
            // Only the ratio says "bomb"; a big honest part (a 300 MB Attribute sheet) is a size limit.
            if limit.lowercased().contains("ratio") { return .zipBomb("\(detail)") }
            return ImportError(code: ImportError.Code.limitExceeded, message: "The workbook exceeds the \(limit) limit: \(detail).", sheet: part)
        case .io:
            return ImportError(code: ImportError.Code.unreadable, message: "The uploaded file could not be read.")
        }
    }
}
