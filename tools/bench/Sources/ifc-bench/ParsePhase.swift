import Foundation
import STEP

/// `parse`: read the file and build the instance index (no argument decoding).
struct ParsePhase: BenchPhase {
    let name = "parse"

    func run(path: String) throws -> [(String, String)] {
        let file = try STEPFile.read(contentsOf: URL(fileURLWithPath: path))
        let errors = file.diagnostics.filter { $0.severity == .error }.count
        return [
            ("instances", "\(file.instanceCount)"),
            ("types", "\(file.entityTypes.count)"),
            ("errors", "\(errors)"),
        ]
    }
}
