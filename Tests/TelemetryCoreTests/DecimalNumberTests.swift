import Foundation
import Testing
@testable import TelemetryCore

/// A small deterministic generator so failures reproduce (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func scanNumber(_ text: String, lenient: Bool = false) -> DecimalNumber {
    let bytes = Array(text.utf8) + [0]
    return bytes.withUnsafeBufferPointer { DecimalNumber.scan($0.baseAddress!, 0, bytes.count - 1, lenient: lenient) }
}

@Suite("Number parsing")
struct DecimalNumberTests {
    @Test(arguments: [
        ("0", 0.0), ("-0", -0.0), ("-0.0", -0.0), ("0.0e10", 0.0), ("21.5", 21.5), ("-21.5", -21.5), ("1e3", 1000.0),
        ("1E3", 1000.0), ("1e+3", 1000.0), ("1.5e-3", 0.0015), ("123456789012345678901234567890", 1.2345678901234568e29),
        ("0.1", 0.1), ("0.30000000000000004", 0.30000000000000004), ("21.700000000000003", 21.700000000000003),
        ("9007199254740993", 9007199254740992.0), ("9007199254740993.0000000001", 9007199254740994.0),
        ("2.2250738585072011e-308", Double.leastNormalMagnitude.nextDown), ("2.2250738585072012e-308", 2.2250738585072014e-308),
        ("1.7976931348623157e308", 1.7976931348623157e308), ("1.7976931348623158e308", 1.7976931348623157e308),
        ("4.9e-324", Double.leastNonzeroMagnitude), ("2.4703282292062327e-324", 0.0), ("2.4703282292062328e-324", Double.leastNonzeroMagnitude),
        ("1e-400", 0.0), ("-1e-400", -0.0), ("1e22", 1e22), ("1e23", 1e23), ("123e30", 1.23e32),
        ("0.000001234", 1.234e-6), ("1700000000.123456", 1700000000.123456),
        ("00000000000000000000000000000001", 1.0),
    ])
    func parses(_ text: String, _ expected: Double) {
        let n = scanNumber(text, lenient: text.hasPrefix("00"))
        #expect(n.status == .ok, "\(text)")
        #expect(n.value.bitPattern == expected.bitPattern, "\(text): \(n.value) != \(expected)")
        #expect(n.end == text.utf8.count)
    }

    @Test func hugeExponentsAreOutOfRangeNotInfinity() {
        for text in ["1e400", "-1e400", "1.7976931348623159e308", "1e999999999999999999", "99999999999999999999e300"] {
            #expect(scanNumber(text).status == .outOfRange, "\(text)")
        }
        #expect(scanNumber("1e-999999999999999999").value == 0)
    }

    @Test func strictGrammar() {
        #expect(scanNumber("01").problem == .leadingZero)
        #expect(scanNumber("-").problem == .noDigits)
        #expect(scanNumber(".5").problem == .noDigits)
        #expect(scanNumber("5.").problem == .noFractionDigits)
        #expect(scanNumber("5e").problem == .noExponentDigits)
        #expect(scanNumber("5e+").problem == .noExponentDigits)
        #expect(scanNumber("+5").status == .malformed)
        #expect(scanNumber("1" + String(repeating: "0", count: 1_100)).problem == .tooLong)
        // The token stops where the grammar does; the caller checks what follows.
        #expect(scanNumber("1.5.3").end == 3)
    }

    @Test func lenientGrammar() {
        #expect(scanNumber("+5", lenient: true).value == 5)
        #expect(scanNumber(".5", lenient: true).value == 0.5)
        #expect(scanNumber("5.", lenient: true).value == 5)
        #expect(scanNumber("007", lenient: true).value == 7)
        #expect(scanNumber(".", lenient: true).status == .malformed)
        #expect(scanNumber("+", lenient: true).status == .malformed)
    }

    /// Random strings in JSON's number grammar, compared bit for bit with `Double(String)`.
    @Test func agreesWithStandardLibraryOnRandomStrings() {
        var rng = SeededGenerator(seed: 0x5EED_0001)
        var checked = 0
        for _ in 0..<150_000 {
            var s = Bool.random(using: &rng) ? "-" : ""
            let intDigits = Int.random(in: 1...22, using: &rng)
            s += String(intDigits == 1 ? Int.random(in: 0...9, using: &rng) : Int.random(in: 1...9, using: &rng))
            for _ in 1..<intDigits { s += String(Int.random(in: 0...9, using: &rng)) }
            if Int.random(in: 0..<3, using: &rng) > 0 {
                s += "."
                for _ in 0..<Int.random(in: 1...22, using: &rng) { s += String(Int.random(in: 0...9, using: &rng)) }
            }
            if Bool.random(using: &rng) {
                s += ["e", "E", "e+", "e-", "E-"].randomElement(using: &rng)!
                s += String(Int.random(in: 0...340, using: &rng))
            }
            let n = scanNumber(s)
            guard let expected = Double(s) else {
                Issue.record("Double(String) refused \(s)")
                continue
            }
            if n.status == .malformed {
                Issue.record("refused \(s): \(n.problem)")
                continue
            }
            if expected.isInfinite {
                #expect(n.status == .outOfRange, "\(s)")
            } else {
                #expect(n.status == .ok && n.value.bitPattern == expected.bitPattern, "\(s): \(n.value) != \(expected)")
            }
            checked += 1
        }
        #expect(checked > 140_000)
    }

    /// Shortest round-trip output of random doubles (the 17-digit case) parses back to the same bits.
    @Test func roundTripsRandomDoubles() {
        var rng = SeededGenerator(seed: 0x5EED_0002)
        for i in 0..<100_000 {
            let d: Double = switch i % 3 {
            case 0: Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
            case 1: Double.random(in: -1_000...1_000, using: &rng)
            default: (Double.random(in: 0...100, using: &rng) * 100).rounded() / 100 + 0.1
            }
            let text = "\(d)"
            let n = scanNumber(text)
            #expect(n.status == .ok && n.value.bitPattern == d.bitPattern, "\(text)")
        }
    }

    /// Values exactly halfway between two doubles must round to even; checked against Double(String).
    @Test func halfwayCases() {
        var rng = SeededGenerator(seed: 0x5EED_0003)
        for _ in 0..<20_000 {
            // m × 2^k + 2^(k-1) for 53-bit m is a halfway point; write it as an exact integer.
            let m = UInt64.random(in: (1 << 52)..<(1 << 53), using: &rng)
            let k = Int.random(in: 1...10, using: &rng)
            let half = (m << k) + (1 << (k - 1))
            let text = String(half)
            let n = scanNumber(text)
            #expect(n.value.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }
}
