import Foundation
import IFCGeometry
import TwinDomain
import TwinImport

/// The production ``ModelFileImporter``: TwinImport's sniffer and importer with this server's
/// classification rules.
public struct TwinFileImporter: ModelFileImporter {
    public var importer: TwinImporter
    public var rules: ClassificationRules
    public var limits: ImportLimits

    public init(importer: TwinImporter = TwinImporter(), rules: ClassificationRules = .default,
                limits: ImportLimits = ImportLimits()) {
        self.importer = importer
        self.rules = rules
        self.limits = limits
    }

    public func sniff(fileAt url: URL) throws -> ImportFormat {
        try ImportSniffer.sniff(fileAt: url, limits: limits)
    }

    public func checkHead(_ head: [UInt8], complete: Bool) throws {
        if let refusal = ImportSniffer.refusal(head: head, complete: complete) { throw refusal }
    }

    public func importFile(
        at url: URL, format: ImportFormat, key: ModelVersionKey,
        progress: @escaping @Sendable (ImportPhase, Int) -> Void,
        geometry: (@Sendable (IFCGeometryResult) async throws -> Void)?,
        batchReady: (ImportBatch) async throws -> Void,
        documents: (_ chunk: [EntityDocument]) async throws -> Void
    ) async throws -> ImportBatch {
        var importer = self.importer
        importer.limits = limits
        if let geometry { importer.geometryHandler = geometry }
        return try await importer.importFile(at: url, format: format, rules: rules, progress: progress,
                                             batchReady: batchReady) { drafts in
            try await documents(drafts.map { $0.document(in: key) })
        }
    }
}

extension ImportError: ImportFailureConvertible {
    public var importFailure: ImportFailure {
        ImportFailure(code: code, message: message, location: location)
    }
}
