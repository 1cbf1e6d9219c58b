#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A decimal number token scanned from bytes, with its correctly rounded double.
///
/// Most telemetry numbers have at most 15 significant digits and small exponents; those are exact
/// in a double and take Clinger's fast path (one multiplication or division by an exact power of
/// ten). The rest (17-digit shortest round-trip output, long mantissas, huge exponents) go to
/// `strtod` on a stack copy of the digits written as `DIGITSeEXP`, which has no decimal point and so
/// cannot be misread under a locale with a decimal comma.
struct DecimalNumber {
    enum Status: UInt8 {
        case ok
        /// Well-formed, but the magnitude does not fit a double (1e400); never turned into infinity.
        case outOfRange
        case malformed
    }

    enum Problem: UInt8 {
        case none
        case noDigits
        case leadingZero
        case noFractionDigits
        case noExponentDigits
        case tooLong

        var message: String {
            switch self {
            case .none: "valid number"
            case .noDigits: "a number needs digits"
            case .leadingZero: "leading zeros are not allowed in a number"
            case .noFractionDigits: "digits must follow the decimal point"
            case .noExponentDigits: "digits must follow the exponent"
            case .tooLong: "number longer than \(DecimalNumber.maxLength) bytes"
            }
        }
    }

    /// Longest accepted token; a longer one is malformed rather than fed to strtod.
    static let maxLength = 1_024

    var status: Status
    var problem: Problem
    var value: Double
    /// Index just past the token (for malformed tokens: where the problem was found).
    var end: Int
    /// ±mantissa × 10^exponent equals the token exactly when `isExact`.
    var mantissa: UInt64
    var exponent: Int
    var isNegative: Bool
    /// No non-zero digit beyond the 19th significant one was dropped.
    var isExact: Bool

    /// Scans `p[start..<limit]`. Strict mode is JSON's grammar; lenient mode (CSV cells, bare MQTT
    /// payloads) also takes a leading `+`, leading zeros and a missing integer or fraction part
    /// (`.5`, `5.`).
    @inline(__always)
    static func scan(_ p: UnsafePointer<UInt8>, _ start: Int, _ limit: Int, lenient: Bool) -> DecimalNumber {
        var i = start
        var negative = false
        if i < limit {
            if p[i] == 0x2D {
                negative = true
                i += 1
            } else if lenient && p[i] == 0x2B {
                i += 1
            }
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exp10 = 0
        var dropped = false
        let intStart = i
        while i < limit {
            let d = p[i] &- 0x30
            if d > 9 { break }
            if mantissa == 0 && d == 0 {
                // Leading zero: not significant.
            } else if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                digits += 1
            } else {
                exp10 += 1
                if d != 0 { dropped = true }
            }
            i += 1
        }
        let intDigits = i - intStart
        if !lenient {
            if intDigits == 0 { return .malformed(.noDigits, at: i, negative) }
            if intDigits > 1 && p[intStart] == 0x30 { return .malformed(.leadingZero, at: intStart, negative) }
        }
        var fractionDigits = 0
        if i < limit && p[i] == 0x2E {
            i += 1
            let fractionStart = i
            while i < limit {
                let d = p[i] &- 0x30
                if d > 9 { break }
                if mantissa == 0 && d == 0 {
                    exp10 -= 1
                } else if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    digits += 1
                    exp10 -= 1
                } else if d != 0 {
                    dropped = true
                }
                i += 1
            }
            fractionDigits = i - fractionStart
            if fractionDigits == 0 && !(lenient && intDigits > 0) { return .malformed(.noFractionDigits, at: i, negative) }
        }
        if intDigits == 0 && fractionDigits == 0 { return .malformed(.noDigits, at: i, negative) }
        var exponent = 0
        if i < limit && p[i] | 0x20 == 0x65 {
            i += 1
            var expNegative = false
            if i < limit && (p[i] == 0x2B || p[i] == 0x2D) {
                expNegative = p[i] == 0x2D
                i += 1
            }
            let expStart = i
            while i < limit {
                let d = p[i] &- 0x30
                if d > 9 { break }
                // Saturate: anything past a million is zero or out of range anyway.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(d) }
                i += 1
            }
            if i == expStart { return .malformed(.noExponentDigits, at: i, negative) }
            if expNegative { exponent = -exponent }
        }
        if i - start > maxLength { return .malformed(.tooLong, at: start, negative) }
        let e = exp10 + exponent
        var n = DecimalNumber(status: .ok, problem: .none, value: 0, end: i, mantissa: mantissa, exponent: e,
                              isNegative: negative, isExact: !dropped)
        if mantissa == 0 {
            n.value = negative ? -0.0 : 0.0
            return n
        }
        if !dropped && mantissa <= 1 << 53 {
            let m = Double(mantissa)
            if e == 0 {
                n.value = negative ? -m : m
                return n
            }
            if e < 0 && e >= -22 {
                let v = m / exactPowerOfTen(-e)
                n.value = negative ? -v : v
                return n
            }
            if e > 0 && e <= 22 {
                let v = m * exactPowerOfTen(e)
                n.value = negative ? -v : v
                return n
            }
            if e > 22 && e <= 22 + 15 {
                // 123e30 = (123 × 10^8) × 10^22 while the first product is still exact.
                let shift = exactIntegerPowerOfTen(e - 22)
                if mantissa <= (1 << 53) / shift {
                    let v = Double(mantissa * shift) * 1e22
                    n.value = negative ? -v : v
                    return n
                }
            }
        }
        // mantissa has `digits` digits, so the value lies in [10^(digits-1+e), 10^(digits+e)).
        if digits - 1 + e > 308 {
            n.status = .outOfRange
            n.value = negative ? -.infinity : .infinity
            return n
        }
        if digits + e < -324 {
            n.value = negative ? -0.0 : 0.0
            return n
        }
        n.value = slowPath(p, intStart, i, negative)
        if !n.value.isFinite { n.status = .outOfRange }
        return n
    }

    @inline(__always)
    static func malformed(_ problem: Problem, at index: Int, _ negative: Bool) -> DecimalNumber {
        DecimalNumber(status: .malformed, problem: problem, value: 0, end: index, mantissa: 0, exponent: 0,
                      isNegative: negative, isExact: false)
    }

    @inline(__always)
    static func exactPowerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    @inline(__always)
    static func exactIntegerPowerOfTen(_ k: Int) -> UInt64 {
        var r: UInt64 = 1
        for _ in 0..<min(max(k, 0), 19) { r &*= 10 }
        return r
    }

    /// `strtod` over `DIGITSeEXP` rebuilt from the token `p[digitsStart..<end]` (sign already read).
    static func slowPath(_ p: UnsafePointer<UInt8>, _ digitsStart: Int, _ end: Int, _ negative: Bool) -> Double {
        let count = end - digitsStart
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 24) { buf in
            var o = 0
            var fractionDigits = 0
            var inFraction = false
            var i = digitsStart
            var exponent = 0
            while i < end {
                let c = p[i]
                if c == 0x2E {
                    inFraction = true
                } else if c | 0x20 == 0x65 {
                    // The exponent was already range-checked by the caller; re-read it saturating.
                    i += 1
                    var expNegative = false
                    if i < end && (p[i] == 0x2B || p[i] == 0x2D) {
                        expNegative = p[i] == 0x2D
                        i += 1
                    }
                    while i < end {
                        if exponent < 1_000_000 { exponent = exponent * 10 + Int(p[i] &- 0x30) }
                        i += 1
                    }
                    if expNegative { exponent = -exponent }
                    break
                } else {
                    buf[o] = CChar(bitPattern: c)
                    o += 1
                    if inFraction { fractionDigits += 1 }
                }
                i += 1
            }
            exponent -= fractionDigits
            buf[o] = 0x65
            o += 1
            if exponent < 0 {
                buf[o] = 0x2D
                o += 1
                exponent = -exponent
            }
            // Up to 7 exponent digits, written backwards then reversed.
            let expStart = o
            repeat {
                buf[o] = CChar(0x30 + exponent % 10)
                exponent /= 10
                o += 1
            } while exponent > 0
            var a = expStart
            var b = o - 1
            while a < b {
                buf.swapAt(a, b)
                a += 1
                b -= 1
            }
            buf[o] = 0
            let v = strtod(buf.baseAddress!, nil)
            return negative ? -v : v
        }
    }
}
