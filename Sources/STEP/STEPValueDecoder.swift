/// Decodes one argument list into `STEPValue`s, on demand.
///
/// Works on the raw bytes from an offset; every loop is bounded by the input end and
/// nesting is capped, so malformed input yields diagnostics and `.null`s, never a crash.
struct STEPValueDecoder {
    let p: UnsafeBufferPointer<UInt8>
    let n: Int
    let maxDepth: Int
    private(set) var diagnostics: [STEPRawDiagnostic] = []
    private var i = 0

    init(_ p: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.p = p
        self.n = p.count
        self.maxDepth = max(1, maxDepth)
    }

    /// Decodes the `( … )` group starting at `open`.
    mutating func decodeArguments(at open: Int) -> [STEPValue] {
        i = open
        guard i < n, p[i] == 0x28 else {
            fail(open, "expected '(' at the start of an argument list")
            return []
        }
        i += 1
        return parseList(depth: 1)
    }

    /// Decodes `(A(..)B(..))` into one `.typed` value per part.
    mutating func decodeComplex(at open: Int) -> [STEPValue] {
        i = open
        guard i < n, p[i] == 0x28 else { return [] }
        i += 1
        var parts: [STEPValue] = []
        while i < n {
            let before = i
            skipTrivia()
            guard i < n else { break }
            if p[i] == 0x29 {
                i += 1
                return parts
            }
            let value = parseValue(depth: 1)
            if case .typed = value {
                parts.append(value)
            } else {
                fail(before, "expected TYPE(...) inside a complex instance")
            }
            if i <= before { i = before + 1 }
        }
        fail(open, "complex instance not closed")
        return parts
    }

    /// Reads values separated by commas up to the closing `)` (just consumed on return).
    private mutating func parseList(depth: Int) -> [STEPValue] {
        var values: [STEPValue] = []
        skipTrivia()
        if i < n, p[i] == 0x29 {
            i += 1
            return values
        }
        while i < n {
            let before = i
            values.append(parseValue(depth: depth))
            skipTrivia()
            guard i < n else { break }
            let c = p[i]
            if c == 0x2C {
                i += 1
            } else if c == 0x29 {
                i += 1
                return values
            } else {
                fail(i, "expected ',' or ')' in argument list")
                // Resynchronise at the next separator of this list.
                skipToSeparator()
                if i < n, p[i] == 0x2C { i += 1 } else if i < n, p[i] == 0x29 {
                    i += 1
                    return values
                }
            }
            if i <= before { i = before + 1 }
        }
        fail(n, "argument list not closed")
        return values
    }

    private mutating func parseValue(depth: Int) -> STEPValue {
        skipTrivia()
        guard i < n else {
            fail(n, "value expected at end of input")
            return .null
        }
        let start = i
        let c = p[i]
        switch c {
        case 0x24:  // $
            i += 1
            return .null
        case 0x2A:  // *
            i += 1
            return .derived
        case 0x23:  // #
            i += 1
            var id = 0
            let ds = i
            while i < n, p[i] &- 0x30 <= 9 {
                if i - ds < 18 { id = id &* 10 &+ Int(p[i] &- 0x30) }
                i += 1
            }
            if i == ds || i - ds > 18 {
                fail(start, "malformed instance reference")
                return .null
            }
            return .reference(STEPInstanceID(id))
        case 0x27:  // '
            let (text, end, problems) = STEPStringDecoder.decode(p, openingQuote: i)
            for problem in problems { fail(problem.offset, problem.message, .warning) }
            i = end
            return .string(text)
        case 0x22:  // "
            var j = i + 1
            while j < n, p[j] != 0x22 { j += 1 }
            guard j < n else {
                fail(start, "unterminated binary literal")
                i = n
                return .null
            }
            let hex = String(decoding: UnsafeBufferPointer(rebasing: p[(i + 1)..<j]), as: UTF8.self)
            i = j + 1
            return .binary(STEPBinary(hex: hex))
        case 0x2E:  // .ENUM.
            var j = i + 1
            while j < n, isKeywordChar(p[j]) { j += 1 }
            guard j < n, p[j] == 0x2E, j > i + 1 else {
                // Could be a real written as `.5`, which Part 21 forbids but we accept.
                if j < n, p[i + 1] &- 0x30 <= 9 { return parseNumber() }
                fail(start, "malformed enumeration")
                i = max(j, i + 1)
                return .null
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: p[(i + 1)..<j]), as: UTF8.self)
            i = j + 1
            return .enumeration(name)
        case 0x28:  // (
            if depth >= maxDepth {
                fail(start, "nesting deeper than \(maxDepth) levels")
                skipGroup()
                return .null
            }
            i += 1
            return .list(parseList(depth: depth + 1))
        case 0x2B, 0x2D, 0x30...0x39:
            return parseNumber()
        default:
            if isKeywordStart(c) {
                var j = i + 1
                while j < n, isKeywordChar(p[j]) { j += 1 }
                let name = String(decoding: UnsafeBufferPointer(rebasing: p[i..<j]), as: UTF8.self).uppercased()
                i = j
                skipTrivia()
                guard i < n, p[i] == 0x28 else {
                    fail(start, "expected '(' after typed parameter \(name)")
                    return .null
                }
                if depth >= maxDepth {
                    fail(start, "nesting deeper than \(maxDepth) levels")
                    skipGroup()
                    return .null
                }
                i += 1
                return .typed(name, parseList(depth: depth + 1))
            }
            fail(start, "unexpected character in argument list")
            i += 1
            return .null
        }
    }

    /// `[+-]digits[.digits][E[+-]digits]`: integer unless it has a point or exponent.
    private mutating func parseNumber() -> STEPValue {
        let start = i
        var j = i
        if j < n, p[j] == 0x2B || p[j] == 0x2D { j += 1 }
        let digitsStart = j
        while j < n, p[j] &- 0x30 <= 9 { j += 1 }
        var isReal = false
        if j < n, p[j] == 0x2E {
            isReal = true
            j += 1
            while j < n, p[j] &- 0x30 <= 9 { j += 1 }
        }
        if j < n, p[j] == 0x45 || p[j] == 0x65 {
            var k = j + 1
            if k < n, p[k] == 0x2B || p[k] == 0x2D { k += 1 }
            if k < n, p[k] &- 0x30 <= 9 {
                isReal = true
                while k < n, p[k] &- 0x30 <= 9 { k += 1 }
                j = k
            }
        }
        i = j
        if j == digitsStart || (j == digitsStart + 1 && p[digitsStart] == 0x2E) {
            fail(start, "malformed number")
            if i == start { i += 1 }
            return .null
        }
        if !isReal {
            var v = 0
            var overflow = false
            for k in digitsStart..<j {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(p[k] - 0x30))
                if o1 || o2 { overflow = true; break }
                v = a
            }
            if !overflow { return .integer(p[start] == 0x2D ? -v : v) }
        }
        if let v = Self.exactReal(p, start, j) { return .real(v) }
        // STEP allows `1.` and `1.E5`; append a zero after a bare point for the parser.
        var text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<j]), as: UTF8.self)
        if let dot = text.firstIndex(of: ".") {
            let next = text.index(after: dot)
            if next == text.endIndex || text[next] == "E" || text[next] == "e" {
                text.insert("0", at: next)
            }
        }
        guard let v = Double(text) else {
            fail(start, "malformed real number")
            return .null
        }
        return .real(v)
    }

    /// Powers of ten that are exact doubles (10^22 is the largest).
    private static let exactPowersOf10: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Correctly rounded fast path for the common real (Clinger): when the decimal mantissa
    /// fits 53 bits and the power of ten is exact, one multiplication or division rounds
    /// correctly. Returns nil for anything else, which then goes through the full parser.
    static func exactReal(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var k = start
        var negative = false
        if k < end, p[k] == 0x2D || p[k] == 0x2B {
            negative = p[k] == 0x2D
            k += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        while k < end, p[k] &- 0x30 <= 9 {
            let d = UInt64(p[k] &- 0x30)
            if mantissa != 0 || d != 0 {
                significant += 1
                if significant > 19 { return nil }
                mantissa = mantissa &* 10 &+ d
            }
            k += 1
        }
        if k < end, p[k] == 0x2E {
            k += 1
            while k < end, p[k] &- 0x30 <= 9 {
                let d = UInt64(p[k] &- 0x30)
                if mantissa != 0 || d != 0 {
                    significant += 1
                    if significant > 19 { return nil }
                    mantissa = mantissa &* 10 &+ d
                }
                exponent -= 1
                k += 1
            }
        }
        if k < end, p[k] == 0x45 || p[k] == 0x65 {
            k += 1
            var expNegative = false
            if k < end, p[k] == 0x2D || p[k] == 0x2B {
                expNegative = p[k] == 0x2D
                k += 1
            }
            var e = 0
            while k < end, p[k] &- 0x30 <= 9 {
                e = e * 10 + Int(p[k] &- 0x30)
                if e > 10_000 { return nil }
                k += 1
            }
            exponent += expNegative ? -e : e
        }
        guard k == end else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        var v = Double(mantissa)
        v = exponent < 0 ? v / exactPowersOf10[-exponent] : v * exactPowersOf10[exponent]
        return negative ? -v : v
    }

    private mutating func skipTrivia() {
        while i < n {
            let c = p[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x0B {
                i += 1
            } else if c == 0x2F, i + 1 < n, p[i + 1] == 0x2A {
                var j = i + 2
                while j + 1 < n, !(p[j] == 0x2A && p[j + 1] == 0x2F) { j += 1 }
                if j + 1 >= n {
                    fail(i, "unterminated comment")
                    i = n
                    return
                }
                i = j + 2
            } else {
                return
            }
        }
    }

    /// Skips a balanced group (iteratively, so depth is only a counter).
    private mutating func skipGroup() {
        var depth = 0
        while i < n {
            let c = p[i]
            if c == 0x27 {
                let (_, end, _) = STEPStringDecoder.decode(p, openingQuote: i)
                i = end
                continue
            }
            if c == 0x28 { depth += 1 }
            if c == 0x29 {
                depth -= 1
                if depth <= 0 {
                    i += 1
                    return
                }
            }
            i += 1
        }
    }

    /// Moves to the next `,` or `)` at this level (skipping strings and nested groups).
    private mutating func skipToSeparator() {
        while i < n {
            let c = p[i]
            if c == 0x2C || c == 0x29 { return }
            if c == 0x28 {
                skipGroup()
                continue
            }
            if c == 0x27 {
                let (_, end, _) = STEPStringDecoder.decode(p, openingQuote: i)
                i = end
                continue
            }
            if c == 0x3B { return }
            i += 1
        }
    }

    private mutating func fail(_ offset: Int, _ message: String, _ severity: STEPDiagnostic.Severity = .error) {
        if diagnostics.count < 100 {
            diagnostics.append(STEPRawDiagnostic(severity: severity, offset: offset, message: message, instance: nil))
        }
    }

    @inline(__always) private func isKeywordStart(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c == 0x5F || c == 0x21
    }

    @inline(__always) private func isKeywordChar(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 || c == 0x5F
    }
}
