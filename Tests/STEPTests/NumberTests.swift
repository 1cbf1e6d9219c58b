import STEP
import Testing

/// Reals take a fast exact path; it must agree bit for bit with the full parser.
@Suite("STEP numbers")
struct NumberTests {
    /// Small deterministic generator so failures reproduce.
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

    @Test func realsMatchTheStandardParser() throws {
        var rng = SplitMix(state: 42)
        var literals: [String] = []
        for _ in 0..<3000 {
            let intDigits = Int.random(in: 0...12, using: &rng)
            let fracDigits = Int.random(in: 0...14, using: &rng)
            var s = Bool.random(using: &rng) ? "-" : ""
            s += intDigits == 0 ? "0" : String((0..<intDigits).map { _ in "0123456789".randomElement(using: &rng)! })
            s += "."
            s += String((0..<fracDigits).map { _ in "0123456789".randomElement(using: &rng)! })
            if Int.random(in: 0..<4, using: &rng) == 0 { s += "E\(Int.random(in: -30...30, using: &rng))" }
            literals.append(s)
        }
        literals += ["0.", "-0.", "1.E-5", "1.5E+3", "123456789012345678901234.5", "1.7976931348623157E308",
                     "4.9E-324", "0.1", "0.30000000000000004", "9007199254740993.", "1E400"]
        let file = try parseData("#1=IFCX((\(literals.joined(separator: ","))));")
        let values = try #require(file.args(1).first?.asList)
        try #require(values.count == literals.count)
        for (literal, value) in zip(literals, values) {
            var text = literal
            if let dot = text.firstIndex(of: ".") {
                let next = text.index(after: dot)
                if next == text.endIndex || text[next] == "E" { text.insert("0", at: next) }
            }
            let expected = try #require(Double(text))
            #expect(value.asDouble?.bitPattern == expected.bitPattern, "\(literal)")
        }
    }
}
