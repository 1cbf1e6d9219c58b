import COBie
import Foundation

/// `cobie`: read a COBie workbook (xlsx or SpreadsheetML), build the typed model and validate it.
struct COBiePhase: BenchPhase {
    let name = "cobie"

    func run(path: String) throws -> [(String, String)] {
        let result = try COBieReader().read(contentsOf: URL(fileURLWithPath: path))
        let model = result.model
        return [
            ("sheets", "\(result.sheets.count)"),
            ("components", "\(model.components.count)"),
            ("attributes", "\(model.attributes.count)"),
            ("issues", "\(result.issues.count)"),
        ]
    }
}
