import Foundation
import IFC
import STEP

/// `inspect`: the complete `atrium ifc inspect --json` document — read, index against the schema,
/// resolve containment/types/property sets/placements, and serialise.
struct InspectPhase: BenchPhase {
    let name = "inspect"

    func run(path: String) throws -> [(String, String)] {
        let model = try IFCModel(contentsOf: URL(fileURLWithPath: path))
        let report = IFCInspection.report(for: model)
        let json = report.jsonData()
        return [
            ("instances", "\(report.instances)"), ("products", "\(report.elements.count)"),
            ("psets", "\(report.psetTotal)"), ("json bytes", "\(json.count)"),
        ]
    }
}
