import Foundation
import Testing

/// Locates ../shared (the read-only corpus) relative to this package, so tests never depend on the
/// working directory.
enum CorpusLocation {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let cobieCorpus: URL = shared.appendingPathComponent("corpus/cobie")
    static let cobieReference: URL = shared.appendingPathComponent("reference/cobie")

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: cobieCorpus.path)
            && FileManager.default.fileExists(atPath: cobieReference.path)
    }

    static let skipMessage: Comment = "needs ../shared/corpus/cobie and ../shared/reference/cobie next to the package"

    /// Workbook files (xlsx and SpreadsheetML), not the COBie-as-IFC file.
    static var workbooks: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cobieCorpus.path)) ?? []
        return names.filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".xml") }.sorted()
    }
}
