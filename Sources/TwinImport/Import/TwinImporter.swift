import Foundation
import IFC
import IFCGeometry
import TwinDomain

/// Turns an uploaded IFC or COBie file into an ``ImportBatch`` plus a stream of BIM documents.
///
/// Documents are handed over in chunks (`chunkSize`) as they are made, so the caller can write them
/// out while memory stays bounded by a chunk, not by the model; the batch itself only holds what the
/// relational twin needs. Progress is reported as (phase, percent of this importer's work, 0…100).
public struct TwinImporter: Sendable {
    public var limits: ImportLimits
    /// Documents per call of the `documents` closure.
    public var chunkSize: Int
    /// Tessellate the model for boxes and footprints; off, boxes are nil and footprints come from
    /// space profiles only (much faster for very large models).
    public var extractGeometry: Bool
    /// Receives the tessellated model (before documents are made), e.g. to write GLB tiles from the
    /// same work instead of tessellating twice.
    public var geometryHandler: (@Sendable (IFCGeometryResult) async throws -> Void)?

    public init(limits: ImportLimits = ImportLimits(), chunkSize: Int = 1000, extractGeometry: Bool = true,
                geometryHandler: (@Sendable (IFCGeometryResult) async throws -> Void)? = nil) {
        self.limits = limits
        self.chunkSize = max(1, chunkSize)
        self.extractGeometry = extractGeometry
        self.geometryHandler = geometryHandler
    }

    /// `batchReady` sees the batch (everything but the fingerprints) once it is built, before any
    /// document is made, so a caller can start storing rows while documents are still being written;
    /// the returned batch is the same plus the fingerprints.
    public func importFile(
        at url: URL, format: ImportFormat, rules: ClassificationRules,
        progress: @Sendable (ImportPhase, Int) -> Void,
        batchReady: (ImportBatch) async throws -> Void = { _ in },
        documents: (_ chunk: [EntityDocumentDraft]) async throws -> Void
    ) async throws(ImportError) -> ImportBatch {
        switch format {
        case .ifcSTEP, .ifcZIP, .ifcGzip:
            return try await importIFC(at: url, format: format, rules: rules, progress: progress, batchReady: batchReady,
                                       documents: documents)
        case .cobieXLSX, .cobieSpreadsheetML:
            return try await importCOBie(at: url, format: format, rules: rules, progress: progress, batchReady: batchReady,
                                         documents: documents)
        }
    }

    // MARK: IFC

    func importIFC(
        at url: URL, format: ImportFormat, rules: ClassificationRules, progress: @Sendable (ImportPhase, Int) -> Void,
        batchReady: (ImportBatch) async throws -> Void,
        documents: (_ chunk: [EntityDocumentDraft]) async throws -> Void
    ) async throws(ImportError) -> ImportBatch {
        progress(.parsing, 0)
        let model = try IFCFileOpener.open(url, limits: limits)
        progress(.parsing, 20)
        var builder = IFCBatchBuilder(model: model, rules: rules, format: format)
        if extractGeometry {
            progress(.geometry, 20)
            let result = await IFCGeometryExtractor(model: model).extract()
            try Self.checkCancelled()
            if let geometryHandler {
                do { try await geometryHandler(result) } catch { throw Self.sinkError(error, what: "geometry") }
            }
            builder.useGeometry(result.products)
            progress(.geometry, 50)
        }
        progress(.classifying, 50)
        var batch = try builder.buildBatch()
        progress(.classifying, 60)
        try Self.checkCancelled()
        try await announce(batch, to: batchReady)

        let entities = builder.documentedEntities()
        var chunk: [EntityDocumentDraft] = []
        chunk.reserveCapacity(min(chunkSize, entities.count))
        batch.fingerprints.reserveCapacity(entities.count)
        for (n, id) in entities.enumerated() {
            let (draft, fingerprint) = builder.document(id)
            chunk.append(draft)
            batch.fingerprints.append(fingerprint)
            if chunk.count >= chunkSize {
                try await flush(&chunk, documents)
                progress(.documents, 60 + 40 * (n + 1) / max(entities.count, 1))
            }
        }
        try await flush(&chunk, documents)
        progress(.documents, 100)
        return batch
    }

    // MARK: Shared

    func announce(_ batch: ImportBatch, to batchReady: (ImportBatch) async throws -> Void) async throws(ImportError) {
        do { try await batchReady(batch) } catch { throw Self.sinkError(error, what: "rows") }
    }

    func flush(_ chunk: inout [EntityDocumentDraft], _ documents: (_ chunk: [EntityDocumentDraft]) async throws -> Void) async throws(ImportError) {
        guard !chunk.isEmpty else { return }
        try Self.checkCancelled()
        do { try await documents(chunk) } catch { throw Self.sinkError(error, what: "documents") }
        chunk.removeAll(keepingCapacity: true)
    }

    static func checkCancelled() throws(ImportError) {
        if Task.isCancelled { throw ImportError(code: ImportError.Code.cancelled, message: "The import was cancelled.") }
    }

    static func sinkError(_ error: any Error, what: String) -> ImportError {
        if error is CancellationError { return ImportError(code: ImportError.Code.cancelled, message: "The import was cancelled.") }
        if let e = error as? ImportError { return e }
        return ImportError(code: ImportError.Code.documents, message: "Storing the model's \(what) failed.")
    }
}
