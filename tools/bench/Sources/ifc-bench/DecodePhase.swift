import Foundation
import STEP

/// `decode`: parse, then decode the arguments of every instance (worst case for the
/// lazy design: what a full traversal costs).
struct DecodePhase: BenchPhase {
    let name = "decode"

    func run(path: String) throws -> [(String, String)] {
        let file = try STEPFile.read(contentsOf: URL(fileURLWithPath: path))
        var values = 0
        for id in file.allInstanceIDs {
            values += file.arguments(of: id)?.count ?? 0
        }
        return [("instances", "\(file.instanceCount)"), ("top-level values", "\(values)")]
    }
}
