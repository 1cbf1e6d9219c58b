import Foundation
import TwinDomain

extension TwinImporter {
    func importCOBie(
        at url: URL, format: ImportFormat, rules: ClassificationRules, progress: @Sendable (ImportPhase, Int) -> Void,
        documents: (_ chunk: [EntityDocumentDraft]) async throws -> Void
    ) async throws(ImportError) -> ImportBatch {
        throw ImportError(code: ImportError.Code.unsupportedFormat, message: "COBie import is not available yet.")
    }
}
