import Foundation

/// Byte-level JSON reading for the batch, NDJSON and MQTT decoders: one pass, no intermediate
/// tree, no String per token. Every loop advances `pos` or returns, and recursion is bounded by
/// `maxDepth` (at most 64).
struct JSONTelemetryReader {
    let p: UnsafePointer<UInt8>
    var end: Int
    var pos: Int
    let maxDepth: Int
    let maxItems: Int
    var fields: ReadingFieldParser
    var out: BatchBuilder
    /// Unescaped string bytes land here; `maxStringLength + 4` bytes, owned by the caller.
    let scratch: UnsafeMutablePointer<UInt8>
    let scratchLimit: Int
    /// Set for MQTT, whose topic names the point: `point`/`key` in the payload are then ignored.
    var fixedKey: PointKey?

    init(base: UnsafePointer<UInt8>, count: Int, limits: TelemetryDecodeLimits, out: BatchBuilder,
         scratch: UnsafeMutablePointer<UInt8>) {
        p = base
        end = count
        pos = 0
        maxDepth = limits.clampedDepth
        maxItems = max(limits.maxItems, 0)
        fields = ReadingFieldParser(limits: limits)
        self.out = out
        self.scratch = scratch
        scratchLimit = limits.clampedStringLength
    }

    // MARK: Bytes

    @inline(__always)
    func byte(_ i: Int) -> UInt8 { i < end ? p[i] : 0 }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            let c = p[pos]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            pos += 1
        }
    }

    mutating func skipByteOrderMark() {
        if end - pos >= 3, p[pos] == 0xEF, p[pos + 1] == 0xBB, p[pos + 2] == 0xBF { pos += 3 }
    }

    static func describe(_ c: UInt8) -> String {
        c >= 0x21 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(ByteText.hex(c))"
    }

    /// After a member or element (whitespace skipped): a comma steps past it and the next member's
    /// leading whitespace and answers false; `closer` (`}` or `]`) is consumed and answers true;
    /// anything else is a syntax error naming what was expected.
    @inline(__always)
    mutating func afterMember(closer: UInt8, _ expected: String) throws(DocumentFailure) -> Bool {
        let c = byte(pos)
        if c == 0x2C {
            pos += 1
            skipWhitespace()
            return false
        }
        if c == closer {
            pos += 1
            return true
        }
        throw unexpected(expected)
    }

    func unexpected(_ expected: String) -> DocumentFailure {
        guard pos < end else { return DocumentFailure(.syntax, at: pos, "unexpected end of input; expected \(expected)") }
        return DocumentFailure(.syntax, at: pos, "expected \(expected), found \(Self.describe(p[pos]))")
    }

    @inline(__always)
    func enter(_ depth: Int) throws(DocumentFailure) {
        if depth > maxDepth { throw DocumentFailure(.limitExceeded, at: pos, "nesting deeper than \(maxDepth) levels") }
    }

    func raw(_ start: Int, _ stop: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: p + start, count: max(stop - start, 0))
    }

    // MARK: Scalars

    /// Scans a string whose opening quote is at `pos`; checks escapes and control characters.
    @inline(__always)
    mutating func scanString() throws(DocumentFailure) -> (start: Int, end: Int, escaped: Bool) {
        let open = pos
        var i = pos + 1
        var escaped = false
        while i < end {
            let c = p[i]
            if c == 0x22 {
                pos = i + 1
                return (open + 1, i, escaped)
            }
            if c == 0x5C {
                escaped = true
                guard i + 1 < end else { break }
                switch p[i + 1] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                    i += 2
                case 0x75:
                    guard i + 5 < end, UUIDBytes.hexValue(p[i + 2]) | UUIDBytes.hexValue(p[i + 3])
                        | UUIDBytes.hexValue(p[i + 4]) | UUIDBytes.hexValue(p[i + 5]) < 16 else {
                        throw DocumentFailure(.syntax, at: i, "\\u must be followed by four hex digits")
                    }
                    i += 6
                default:
                    throw DocumentFailure(.syntax, at: i, "invalid escape \\\(Self.describe(p[i + 1])) in a string")
                }
                continue
            }
            if c < 0x20 {
                throw DocumentFailure(.syntax, at: i, "control character 0x\(ByteText.hex(c)) in a string must be escaped")
            }
            i += 1
        }
        throw DocumentFailure(.syntax, at: open, "unterminated string")
    }

    /// A string value's bytes: the input itself, or its unescaped form in `scratch`.
    mutating func stringBytes(_ start: Int, _ stop: Int, escaped: Bool, field: String) throws(FieldFailure) -> UnsafeRawBufferPointer {
        guard escaped else { return raw(start, stop) }
        var o = 0
        var i = start
        func put(_ b: UInt8) throws(FieldFailure) {
            guard o < scratchLimit else {
                throw FieldFailure(.stringTooLong, "\(field) is longer than \(scratchLimit) bytes")
            }
            scratch[o] = b
            o += 1
        }
        func hex4(_ k: Int) -> UInt32 {
            guard k + 3 < stop else { return 0xFFFF_FFFF }
            var v: UInt32 = 0
            for j in k..<(k + 4) { v = v << 4 | UInt32(UUIDBytes.hexValue(p[j]) & 0x0F) }
            return v
        }
        while i < stop {
            let c = p[i]
            guard c == 0x5C, i + 1 < stop else {
                try put(c)
                i += 1
                continue
            }
            let e = p[i + 1]
            i += 2
            switch e {
            case 0x62: try put(0x08)
            case 0x66: try put(0x0C)
            case 0x6E: try put(0x0A)
            case 0x72: try put(0x0D)
            case 0x74: try put(0x09)
            case 0x75:
                var scalar = hex4(i)
                i += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    guard i + 5 < stop, p[i] == 0x5C, p[i + 1] == 0x75 else {
                        throw FieldFailure(.invalidEncoding, "\(field) has an unpaired surrogate escape")
                    }
                    let low = hex4(i + 2)
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        throw FieldFailure(.invalidEncoding, "\(field) has an unpaired surrogate escape")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    throw FieldFailure(.invalidEncoding, "\(field) has an unpaired surrogate escape")
                }
                if scalar < 0x80 {
                    try put(UInt8(scalar))
                } else if scalar < 0x800 {
                    try put(UInt8(0xC0 | scalar >> 6))
                    try put(UInt8(0x80 | scalar & 0x3F))
                } else if scalar < 0x10000 {
                    try put(UInt8(0xE0 | scalar >> 12))
                    try put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    try put(UInt8(0x80 | scalar & 0x3F))
                } else {
                    try put(UInt8(0xF0 | scalar >> 18))
                    try put(UInt8(0x80 | scalar >> 12 & 0x3F))
                    try put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    try put(UInt8(0x80 | scalar & 0x3F))
                }
            default:
                try put(e)
            }
        }
        return UnsafeRawBufferPointer(start: scratch, count: o)
    }

    /// Reads the value at `pos`; containers are skipped with their syntax checked.
    mutating func readValue(depth: Int) throws(DocumentFailure) -> JSONValue {
        guard pos < end else { throw unexpected("a value") }
        let c = p[pos]
        switch c {
        case 0x22:
            let s = try scanString()
            return .string(start: s.start, end: s.end, escaped: s.escaped)
        case 0x30...0x39, 0x2D:
            if c == 0x2D, Self.isLetter(byte(pos + 1)) { return try readWord() }
            let start = pos
            let n = DecimalNumber.scan(p, pos, end, lenient: false)
            if n.status == .malformed { throw DocumentFailure(.syntax, at: n.end, n.problem.message) }
            pos = n.end
            try checkAfterScalar()
            return .number(n, start: start)
        case 0x7B:
            try skipObject(depth: depth)
            return .object
        case 0x5B:
            try skipArray(depth: depth)
            return .array
        case 0x2B:
            if Self.isLetter(byte(pos + 1)) { return try readWord() }
            throw DocumentFailure(.syntax, at: pos, "'+' before a number is not JSON")
        default:
            if Self.isLetter(c) { return try readWord() }
            throw unexpected("a value")
        }
    }

    @inline(__always)
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    @inline(__always)
    func checkAfterScalar() throws(DocumentFailure) {
        guard pos < end else { return }
        switch p[pos] {
        case 0x20, 0x0A, 0x0D, 0x09, 0x2C, 0x5D, 0x7D: return
        default: throw DocumentFailure(.syntax, at: pos, "unexpected \(Self.describe(p[pos])) after a value")
        }
    }

    /// `true`, `false`, `null`, or a spelling of NaN/Infinity with an optional sign.
    mutating func readWord() throws(DocumentFailure) -> JSONValue {
        let start = pos
        var i = pos
        let signed = p[i] == 0x2D || p[i] == 0x2B
        if signed { i += 1 }
        let wordStart = i
        while i < end, Self.isLetter(p[i]), i - wordStart < 16 { i += 1 }
        let word = raw(wordStart, i)
        pos = i
        let value: JSONValue
        if !signed && ByteText.bytesEqual(word, "true") {
            value = .bool(true)
        } else if !signed && ByteText.bytesEqual(word, "false") {
            value = .bool(false)
        } else if !signed && ByteText.bytesEqual(word, "null") {
            value = .null
        } else if ByteText.equalsFolded(word, "nan") || ByteText.equalsFolded(word, "infinity") || ByteText.equalsFolded(word, "inf") {
            value = .nonFinite
        } else {
            pos = start
            throw DocumentFailure(.syntax, at: start, "unexpected word \(ByteText.quoted(raw(start, i)))")
        }
        try checkAfterScalar()
        return value
    }

    // MARK: Containers

    mutating func skipObject(depth: Int) throws(DocumentFailure) {
        try enter(depth)
        pos += 1
        skipWhitespace()
        if byte(pos) == 0x7D {
            pos += 1
            return
        }
        while true {
            guard byte(pos) == 0x22 else { throw unexpected("a field name in double quotes") }
            _ = try scanString()
            skipWhitespace()
            guard byte(pos) == 0x3A else { throw unexpected("':'") }
            pos += 1
            skipWhitespace()
            _ = try readValue(depth: depth + 1)
            skipWhitespace()
            if try afterMember(closer: 0x7D, "',' or '}'") { return }
        }
    }

    mutating func skipArray(depth: Int) throws(DocumentFailure) {
        try enter(depth)
        pos += 1
        skipWhitespace()
        if byte(pos) == 0x5D {
            pos += 1
            return
        }
        while true {
            _ = try readValue(depth: depth + 1)
            skipWhitespace()
            if try afterMember(closer: 0x5D, "',' or ']'") { return }
        }
    }
}
