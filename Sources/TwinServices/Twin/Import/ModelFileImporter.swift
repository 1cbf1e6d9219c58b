import Foundation
import IFCGeometry
import TwinDomain

/// What the pipeline needs from a file importer: content sniffing and a streaming import.
///
/// A seam rather than a concrete call so the pipeline's all-or-nothing guarantees can be tested
/// with an importer that fails on purpose, and so the pipeline never depends on how a format is read.
public protocol ModelFileImporter: Sendable {
    /// The file's format from its bytes; throws ``ImportFailure`` (or a convertible error) for
    /// anything unsupported.
    func sniff(fileAt url: URL) throws -> ImportFormat

    /// Throws when the first bytes of an upload already show it is no model (checked while it
    /// streams, so a wrong file is refused before it is all sent); `complete` when they are all.
    func checkHead(_ head: [UInt8], complete: Bool) throws

    /// Reads the file into a batch, handing entity documents (already keyed by `key`) to
    /// `documents` in bounded chunks as they are produced. `progress` reports the phase and an
    /// overall percentage of the importer's own work (0…100). An IFC importer that tessellates
    /// hands the result to `geometry` once, so tiles need no second tessellation. `batchReady`
    /// sees the batch without fingerprints before the first document is made.
    func importFile(
        at url: URL, format: ImportFormat, key: ModelVersionKey,
        progress: @escaping @Sendable (ImportPhase, Int) -> Void,
        geometry: (@Sendable (IFCGeometryResult) async throws -> Void)?,
        batchReady: (ImportBatch) async throws -> Void,
        documents: (_ chunk: [EntityDocument]) async throws -> Void
    ) async throws -> ImportBatch
}

extension ModelFileImporter {
    /// Importers that cannot judge a head accept it; the staged file is sniffed anyway.
    public func checkHead(_ head: [UInt8], complete: Bool) throws {}
}
