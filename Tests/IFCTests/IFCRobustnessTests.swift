import Foundation
import IFC
import STEP
import Testing

/// Mutated real files must read with diagnostics or fail cleanly, never crash.
@Suite struct IFCRobustnessTests {
    /// A small deterministic generator (SplitMix64) so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let sample = IFCFidelityTests.shared.appendingPathComponent("corpus/ifc/IFC4/hello-wall.ifc")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: IFCRobustnessTests.sample.path),
                   "needs ../shared/corpus/ifc/IFC4/hello-wall.ifc"))
    func mutatedFilesNeverCrash() throws {
        let original = try [UInt8](Data(contentsOf: Self.sample))
        var rng = SplitMix(state: 42)
        let alphabet = Array("#=(),;'$*.0123456789ABCDEFIFCWALL\n".utf8)
        var opened = 0
        for _ in 0..<150 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] = alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet.randomElement(using: &rng)!, at: at)
                }
            }
            guard let file = try? STEPFile(bytes: bytes), let model = try? IFCModel(file: file) else { continue }
            opened += 1
            let report = IFCInspection.report(for: model)
            #expect(report.instances == model.instanceCount)
            _ = report.jsonData()
            _ = report.humanSummary()
            _ = model.georeference()
            _ = model.spatialTree()
        }
        #expect(opened > 0)
    }
}
