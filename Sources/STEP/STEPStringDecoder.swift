/// Decodes a STEP string literal to Unicode (ISO 10303-21 §6.4.3).
///
/// Escapes: `''`, `\\`, `\S\c` (high half of the current ISO 8859 page), `\P?\` (page
/// switch), `\X\hh` (ISO 8859-1), `\X2\…\X0\` (UTF-16, surrogate pairs too) and
/// `\X4\…\X0\` (UTF-32). Raw non-ASCII bytes are not allowed by the standard but common:
/// they are read as UTF-8 when valid, else as ISO 8859-1, so no input is rejected.
///
/// NUL, written raw or through any escape, becomes U+FFFD with a problem noted: no label means
/// anything by it, C APIs and PostgreSQL `text` cannot hold it, and one NUL in a name must not
/// fail a whole import downstream.
enum STEPStringDecoder {
    struct Problem: Equatable {
        var offset: Int
        var message: String
    }

    /// Decodes the string whose opening quote is at `q`. Returns the text, the index after
    /// the closing quote (or the input end) and any problems found.
    static func decode(_ p: UnsafeBufferPointer<UInt8>, openingQuote q: Int) -> (String, Int, [Problem]) {
        let n = p.count
        // Fast path: plain ASCII without escapes, by far the most common case.
        var j = q + 1
        while j < n {
            let c = p[j]
            if c == 0x27 || c == 0x5C || c >= 0x80 || c == 0 { break }
            j += 1
        }
        if j < n, p[j] == 0x27, !(j + 1 < n && p[j + 1] == 0x27) {
            return (String(decoding: UnsafeBufferPointer(rebasing: p[(q + 1)..<j]), as: UTF8.self), j + 1, [])
        }
        return slowDecode(p, q)
    }

    private static func slowDecode(_ p: UnsafeBufferPointer<UInt8>, _ q: Int) -> (String, Int, [Problem]) {
        let n = p.count
        var out = String.UnicodeScalarView()
        var problems: [Problem] = []
        var page: UInt8 = 0x41  // 'A' = ISO 8859-1
        var i = q + 1
        func note(_ at: Int, _ message: String) {
            if problems.count < 16 { problems.append(Problem(offset: at, message: message)) }
        }
        func put(_ scalar: Unicode.Scalar, _ at: Int) {
            if scalar.value == 0 {
                note(at, "NUL in a string replaced by U+FFFD")
                out.append("\u{FFFD}")
            } else {
                out.append(scalar)
            }
        }
        func append(_ value: UInt32, _ at: Int) {
            put(Unicode.Scalar(value) ?? "\u{FFFD}", at)
        }
        func hex(_ at: Int, _ count: Int) -> UInt32? {
            guard at + count <= n else { return nil }
            var v: UInt32 = 0
            for k in at..<(at + count) {
                let c = p[k]
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x41...0x46: d = c - 0x41 + 10
                case 0x61...0x66: d = c - 0x61 + 10
                default: return nil
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        func matches(_ at: Int, _ s: StaticString) -> Bool {
            let len = s.utf8CodeUnitCount
            guard at + len <= n else { return false }
            return s.withUTF8Buffer { w in
                for k in 0..<len where w[k] != p[at + k] { return false }
                return true
            }
        }
        while i < n {
            let c = p[i]
            if c == 0x27 {
                if i + 1 < n, p[i + 1] == 0x27 {
                    out.append("'")
                    i += 2
                    continue
                }
                return (String(out), i + 1, problems)
            }
            if c == 0x5C {
                if matches(i, "\\\\") {
                    out.append("\\")
                    i += 2
                } else if matches(i, "\\S\\"), i + 3 < n {
                    let ch = p[i + 3]
                    if page != 0x41 { note(i, "\\S\\ in code page \\P\(Character(Unicode.Scalar(page)))\\ read as ISO 8859-1") }
                    append(UInt32(ch) + 0x80, i)
                    i += 4
                } else if p.count > i + 3, p[i + 1] == 0x50, p[i + 3] == 0x5C, p[i + 2] >= 0x41, p[i + 2] <= 0x49 {
                    page = p[i + 2]
                    i += 4
                } else if matches(i, "\\X\\"), let v = hex(i + 3, 2) {
                    append(v, i)
                    i += 5
                } else if matches(i, "\\X2\\") {
                    var k = i + 4
                    var units: [UInt16] = []
                    while k < n, !matches(k, "\\X0\\"), let v = hex(k, 4) {
                        units.append(UInt16(v))
                        k += 4
                    }
                    if matches(k, "\\X0\\") {
                        for scalar in decodeUTF16(units) { put(scalar, i) }
                        i = k + 4
                    } else {
                        note(i, "\\X2\\ escape without \\X0\\ terminator")
                        for scalar in decodeUTF16(units) { put(scalar, i) }
                        i = k
                    }
                } else if matches(i, "\\X4\\") {
                    var k = i + 4
                    while k < n, !matches(k, "\\X0\\"), let v = hex(k, 8) {
                        append(v, k)
                        k += 8
                    }
                    if matches(k, "\\X0\\") {
                        i = k + 4
                    } else {
                        note(i, "\\X4\\ escape without \\X0\\ terminator")
                        i = k
                    }
                } else {
                    // A lone backslash: keep it rather than drop user text.
                    out.append("\\")
                    i += 1
                }
                continue
            }
            if c < 0x80 {
                put(Unicode.Scalar(c), i)
                i += 1
                continue
            }
            // Raw bytes above ASCII: UTF-8 if the run is valid UTF-8, else ISO 8859-1.
            var e = i
            while e < n, p[e] >= 0x80 { e += 1 }
            let run = UnsafeBufferPointer(rebasing: p[i..<e])
            if let text = String(validating: run, as: UTF8.self) {
                out.append(contentsOf: text.unicodeScalars)
            } else {
                for b in run { out.append(Unicode.Scalar(b)) }
            }
            i = e
        }
        note(q, "unterminated string")
        return (String(out), n, problems)
    }

    private static func decodeUTF16(_ units: [UInt16]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        var decoder = UTF16()
        var iterator = units.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): result.append(s)
            case .emptyInput: break loop
            case .error: result.append("\u{FFFD}")
            }
        }
        return result
    }
}
