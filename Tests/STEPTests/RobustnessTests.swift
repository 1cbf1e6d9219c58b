import Foundation
import STEP
import Testing

/// Deterministic mutation run over a small model (a cheap, always-on cousin of the
/// libFuzzer harness in tools/fuzz/step): no input may crash, and every diagnostic must
/// point inside the input.
@Suite("STEP robustness")
struct RobustnessTests {
    @Test func mutatedInputsNeverCrash() throws {
        let base = Array(stepText("""
        #1=IFCPROJECT('0YvctVUKr0kugbFTf53O9L',#2,'P',$,$,$,$,(#3),#4);
        #2=IFCOWNERHISTORY(#5,#6,$,.ADDED.,$,$,$,0);
        #3=(IFCA(1.5,'x\\X2\\00E4\\X0\\')IFCB(*,.T.));
        #4=IFCUNITASSIGNMENT((#7));
        #7=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);
        /* comment */ #8=IFCPOLYLINE((#9,#10));
        """).utf8)
        var rng = NumberTests.SplitMix(state: 7)
        let alphabet: [UInt8] = Array("#=();,'\"$*./\\X2\\0 \n\rIFCA123.E-".utf8) + [0x00, 0xFF, 0x1F, 0x8B, 0x50, 0x4B]
        for round in 0..<1500 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[at] = alphabet.randomElement(using: &rng)!
                case 1: bytes.insert(alphabet.randomElement(using: &rng)!, at: at)
                case 2: bytes.remove(at: at)
                default: bytes.removeSubrange(at..<bytes.count)  // truncate
                }
            }
            let file: STEPFile
            do {
                file = try STEPFile(bytes: bytes)
            } catch {
                continue  // mutated into a gzip/zip header: a thrown error is fine
            }
            for d in file.diagnostics + file.validateReferences() {
                #expect(d.byteOffset >= 0 && d.byteOffset <= bytes.count, "round \(round): \(d)")
                #expect(d.line >= 1 && d.column >= 1, "round \(round): \(d)")
            }
            for id in file.allInstanceIDs {
                let args = file.arguments(of: id)
                #expect(args != nil)
                #expect(file.argumentCount(of: id) != nil)
                #expect(file.line(of: id) != nil)
            }
        }
    }

    /// Names that agree in length and in their first and last 8 bytes must still spread
    /// over the type table (otherwise a crafted file makes indexing quadratic).
    @Test func typeNamesDifferingOnlyInTheMiddle() throws {
        var data = ""
        for k in 0..<20_000 {
            data += "#\(k + 1)=IFCPREFIX\(String(format: "%06d", k))SUFFIXXX(\(k));\n"
        }
        let start = Date()
        let file = try parseData(data)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(file.errors.isEmpty)
        #expect(file.entityTypes.count == 20_000)
        #expect(file.typeName(of: STEPInstanceID(12_346)) == "IFCPREFIX012345SUFFIXXX")
    }
}
